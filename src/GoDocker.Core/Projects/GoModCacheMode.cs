namespace GoDocker.Core.Projects;

/// <summary>Where the build keeps downloaded modules between builds (GoModCacheMode).</summary>
public enum GoModCacheMode
{
    /// <summary>BuildKit cache mounts: best on a builder whose engine state lives on.</summary>
    Mount,

    /// <summary>
    /// A module proxy gateway the build runs for itself, with its cache in a host folder (GoModCacheDir) that a CI
    /// job can save and restore; the deps stage downloads through it.
    /// </summary>
    Gateway,

    /// <summary>Modules downloaded into an image layer of the deps stage, so layer caches (--cache-from/--cache-to) carry them.</summary>
    Layer,
}
