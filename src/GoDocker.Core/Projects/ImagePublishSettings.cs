using System.Collections.Immutable;

namespace GoDocker.Core.Projects;

/// <summary>
/// What `dotnet publish` makes of a project, checked: the repository and tags (empty = the project name and its
/// Version plus latest), the registry to push to, or the archive file to write, and the image's own labels.
/// </summary>
public sealed record ImagePublishSettings
{
    public static ImagePublishSettings Default { get; } = new();

    /// <summary>The repository path (such as <c>team/hello</c>), never with a registry or tag.</summary>
    public string Repository { get; init; } = "";

    /// <summary>The tags the project names; empty means the project Version and latest.</summary>
    public ImmutableArray<string> Tags { get; init; } = [];

    /// <summary>host[:port] to push to, or empty.</summary>
    public string Registry { get; init; } = "";

    /// <summary>Push to <see cref="Registry"/>; true by default when a registry is set.</summary>
    public bool Push { get; init; }

    /// <summary>The full path of the archive file to write, or empty.</summary>
    public string ArchiveOutputPath { get; init; } = "";

    public ImmutableSortedDictionary<string, string> Labels { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>The tags to write: the project's, else its Version (when it is a valid tag) and latest.</summary>
    public ImmutableArray<string> EffectiveTags(string? version)
    {
        if (!Tags.IsEmpty)
        {
            return Tags;
        }
        return !string.IsNullOrEmpty(version) && ImagePublishSettingsReader.IsTag(version) && version != "latest"
            ? [version, "latest"]
            : ["latest"];
    }
}
