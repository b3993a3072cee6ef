using System.Collections.Immutable;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Operations;

/// <summary>
/// How a publish ended: the image's manifest digest (its registry digest), the config digest (its image ID in an
/// engine), the names it was given, and where it went; or the diagnostics that stopped it.
/// </summary>
public sealed record PublishResult(ImmutableArray<Diagnostic> Diagnostics)
{
    public bool Succeeded => !Diagnostics.Any(d => d.IsError) && Digest.Length > 0;
    /// <summary>The manifest's digest; for several platforms, the image index's.</summary>
    public string Digest { get; init; } = "";

    /// <summary>Each platform's manifest digest, in GoPlatforms' order, when the image is multi-platform; else empty.</summary>
    public ImmutableArray<PublishedPlatform> PlatformDigests { get; init; } = [];
    public string ImageId { get; init; } = "";

    /// <summary>registry/repository:tag for each tag (without a registry when loaded or archived).</summary>
    public ImmutableArray<string> References { get; init; } = [];

    /// <summary>registry/repository@digest when pushed, else empty.</summary>
    public string PushedReference { get; init; } = "";

    /// <summary>"registry", "engine" or "archive".</summary>
    public string Destination { get; init; } = "";
    public string ArchivePath { get; init; } = "";

    /// <summary>For "engine": the engine that holds the image now ("the Docker engine" or "podman").</summary>
    public string LoadedInto { get; init; } = "the Docker engine";
}
