using System.Collections.Immutable;
using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Projects;

/// <summary>
/// Checks the publish settings (GD1080-GD1085) at their lines, before anything runs: a repository, tag or registry
/// that is not a valid reference part, a label with a line break, an archive path in a missing folder.
/// </summary>
public static partial class ImagePublishSettingsReader
{
    public static ImagePublishSettings Read(
        string projectPath,
        Func<string, string> get,
        Action<DiagnosticDescriptor, string, object?[]> report,
        ProjectFilePositions positions,
        IReadOnlyList<ProjectItem> labels,
        ImmutableArray<Diagnostic>.Builder diagnostics,
        string projectDirectory)
    {
        var repositoryName = ProjectSettingCatalog.GoImageRepository.Name;
        var repository = get(repositoryName);
        var repositoryGiven = repository.Length > 0;
        if (!repositoryGiven)
        {
            repository = Path.GetFileNameWithoutExtension(projectPath).ToLowerInvariant();
        }
        if (RepositoryProblem(repository) is { } repositoryProblem)
        {
            if (repositoryGiven)
            {
                report(DiagnosticCatalog.InvalidImageRepository, repositoryName, [repository, repositoryProblem]);
            }
            else
            {
                diagnostics.Add(DiagnosticCatalog.InvalidImageRepository.Create(SourceLocation.Of(positions.ProjectPath), repository,
                    repositoryProblem + " (it is the project's file name, lower-cased)"));
            }
            repository = "";
        }

        var tagsName = ProjectSettingCatalog.GoImageTags.Name;
        var tags = ImmutableArray.CreateBuilder<string>();
        foreach (var tag in get(tagsName).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!IsTag(tag))
            {
                report(DiagnosticCatalog.InvalidImageTag, tagsName, [tag, tag.Length > 128 ? "it is longer than 128 characters" : "it holds a character a tag cannot have, or starts with '.' or '-'"]);
                tags.Clear();
                break;
            }
            if (!tags.Contains(tag))
            {
                tags.Add(tag);
            }
        }

        var registryName = ProjectSettingCatalog.GoImageRegistry.Name;
        var registry = get(registryName);
        if (registry.Length > 0 && RegistryProblem(registry) is { } registryProblem)
        {
            report(DiagnosticCatalog.InvalidImageRegistry, registryName, [registry, registryProblem]);
            registry = "";
        }

        var pushName = ProjectSettingCatalog.GoImagePush.Name;
        var pushText = get(pushName);
        var push = registry.Length > 0;
        if (pushText.Length > 0)
        {
            if (!GoProjectSettingsReader.TryParseBool(pushText, out push))
            {
                report(DiagnosticCatalog.InvalidPropertyValue, pushName, [pushName, pushText, "use true or false"]);
                push = registry.Length > 0;
            }
            else if (push && registry.Length == 0 && get(registryName).Length == 0)
            {
                report(DiagnosticCatalog.InvalidPropertyValue, pushName, [pushName, pushText, "pushing needs GoImageRegistry, the registry to push to; set it, or remove GoImagePush"]);
                push = false;
            }
        }

        var archiveName = ProjectSettingCatalog.GoImageArchiveOutputPath.Name;
        var archive = get(archiveName);
        if (archive.Length > 0)
        {
            var full = Path.GetFullPath(Path.Combine(projectDirectory, archive));
            var folder = Path.GetDirectoryName(full) ?? "";
            if (!Directory.Exists(folder))
            {
                report(DiagnosticCatalog.ArchiveFolderMissing, archiveName, [archive, folder]);
                full = "";
            }
            archive = full;
        }

        var labelValues = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var item in labels)
        {
            var name = item.Include.Trim();
            var value = item.Metadata("Value") ?? "";
            var location = positions.Item(ProjectSettingCatalog.GoImageLabel.Name, item.Include);
            string? problem = null;
            if (!LabelNameRegex().IsMatch(name))
            {
                problem = "the name must start with a letter or digit and hold only letters, digits, '.', '-', '_' and '/'";
            }
            else if (value.Contains('\n') || value.Contains('\r'))
            {
                problem = "its Value contains a line break";
            }
            else if (GoProjectSettingsReader.UnsafeTextProblem(value) is { } unsafeText)
            {
                problem = "its Value: " + unsafeText;
            }
            else if (SecretLikeValue.Explain(value, includeRandomStrings: false) is { } secret)
            {
                problem = "its Value looks like a secret (" + secret + "), and labels are readable by anyone who can pull the image";
            }
            if (problem is not null)
            {
                diagnostics.Add(DiagnosticCatalog.InvalidImageLabel.Create(location, GoProjectSettingsReader.Shorten(name), problem));
                continue;
            }
            labelValues[name] = value;
        }

        return new ImagePublishSettings
        {
            Repository = repository,
            Tags = tags.ToImmutable(),
            Registry = registry,
            Push = push && registry.Length > 0,
            ArchiveOutputPath = archive,
            Labels = labelValues.ToImmutable(),
        };
    }

    public static bool IsTag(string tag) => TagRegex().IsMatch(tag);

    /// <summary>Why a repository path is not one, or null.</summary>
    public static string? RepositoryProblem(string repository)
    {
        if (!ImageReference.TryParse(repository, out var reference, out var why))
        {
            return why;
        }
        if (reference.Domain is not null)
        {
            return $"it starts with the registry '{reference.Domain}'; set that with GoImageRegistry";
        }
        if (reference.Tag is not null || reference.Digest is not null)
        {
            return "it carries a tag or digest; set tags with GoImageTags";
        }
        return null;
    }

    public static string? RegistryProblem(string registry)
    {
        if (registry.Contains("://", StringComparison.Ordinal))
        {
            return "it has a scheme; publish uses HTTPS (plain HTTP only for a loopback registry)";
        }
        if (!ImageReference.TryParse(registry + "/x", out var reference, out var why))
        {
            return why;
        }
        if (reference.Domain != registry)
        {
            return "a registry host needs a '.', a port or to be 'localhost' (else Docker reads it as a repository)";
        }
        return null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagRegex();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._/-]{0,254}$")]
    private static partial Regex LabelNameRegex();
}
