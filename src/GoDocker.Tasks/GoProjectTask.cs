using System.Collections.Immutable;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Projects;
using Microsoft.Build.Framework;

namespace GoDocker.Tasks;

/// <summary>A task that works on the project's settings, passed as items (name + Value) so the list can grow without new parameters.</summary>
public abstract class GoProjectTask : GoDockerTask
{
    [Required]
    public string ProjectPath { get; set; } = "";

    /// <summary>One item per setting: Include is the property name, metadata Value its evaluated value.</summary>
    [Required]
    public ITaskItem[] Settings { get; set; } = [];

    public ITaskItem[] CaCertificates { get; set; } = [];

    /// <summary>GoBuildSecret items: Include is the secret id; metadata File or Env, Kind, Host.</summary>
    public ITaskItem[] BuildSecrets { get; set; } = [];

    /// <summary>Reads the settings with their own diagnostics; GoDockerGenerate reports those, the other tasks only stop on them.</summary>
    protected (GoProjectSettings Settings, ImmutableArray<Diagnostic> Diagnostics) ReadSettings()
    {
        var properties = Settings.ToDictionary(i => i.ItemSpec, i => i.GetMetadata("Value"), StringComparer.OrdinalIgnoreCase);
        var secrets = BuildSecrets.Select(i => new GoBuildSecret(
            i.ItemSpec,
            NullIfEmpty(i.GetMetadata("File")),
            NullIfEmpty(i.GetMetadata("Env")),
            Enum.TryParse<GoBuildSecretKind>(i.GetMetadata("Kind"), true, out var kind) ? kind : GoBuildSecretKind.Netrc,
            NullIfEmpty(i.GetMetadata("Host")))).ToList();
        var certificates = CaCertificates.Select(i => i.GetMetadata("FullPath") is { Length: > 0 } full ? full : i.ItemSpec).ToList();
        return GoProjectSettingsReader.Read(ProjectPath, properties, certificates, secrets, ProjectFilePositions.Read(ProjectPath));
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
