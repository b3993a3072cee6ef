using System.Collections.Immutable;

namespace GoDocker.Core.Projects;

/// <summary>
/// How the build caches modules (GoModCacheMode, GoModCacheDir) and which layer caches docker build imports and
/// exports (GoDockerCacheFrom, GoDockerCacheTo).
/// </summary>
/// <param name="Mode">The cache mode.</param>
/// <param name="Directory">The host folder of the Gateway mode's cache (GoModCacheDir), a full path.</param>
/// <param name="CacheFrom">The --cache-from specs, in order.</param>
/// <param name="CacheTo">The --cache-to spec, or null.</param>
public sealed record ModCacheSettings(GoModCacheMode Mode, string Directory, ImmutableArray<DockerCacheSpec> CacheFrom, DockerCacheSpec? CacheTo)
{
    public static ModCacheSettings Default { get; } = new(GoModCacheMode.Mount, "", [], null);
}
