using System.Collections.Immutable;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.BuildGateways;
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

    /// <summary>GoDockerStartProxy: run the module proxy gateway where GoProxy points while the task works.</summary>
    public bool StartProxy { get; set; }

    public string ProxyGatewayAssembly { get; set; } = "";

    public string ProxyCache { get; set; } = "";

    public string ProxySnapshot { get; set; } = "";

    public string ProxyUpstream { get; set; } = "";

    /// <summary>The gateway to run around the task's work, or null when the project does not ask for one.</summary>
    protected BuildGatewayLaunch? GatewayLaunch() => StartProxy
        ? new BuildGatewayLaunch(ProxyGatewayAssembly, Path.GetFullPath(ProxyCache))
        {
            Snapshot = ProxySnapshot.Length > 0 ? ProxySnapshot : null,
            Upstream = ProxyUpstream.Length > 0 ? ProxyUpstream : null,
        }
        : null;

    /// <summary>Reads the settings with their own diagnostics; GoDockerGenerate reports those, the other tasks only stop on them.</summary>
    protected (GoProjectSettings Settings, ImmutableArray<Diagnostic> Diagnostics) ReadSettings()
    {
        var properties = Settings.ToDictionary(i => i.ItemSpec, i => i.GetMetadata("Value"), StringComparer.OrdinalIgnoreCase);
        var positions = ProjectFilePositions.Read(ProjectPath);
        var (secrets, secretDiagnostics) = GoBuildSecretItems.Read(
            BuildSecrets.Select(i => (i.ItemSpec, (Func<string, string?>)(name => i.GetMetadata(name)))), positions);
        var certificates = CaCertificates.Select(i => i.GetMetadata("FullPath") is { Length: > 0 } full ? full : i.ItemSpec).ToList();
        var (settings, diagnostics) = GoProjectSettingsReader.Read(ProjectPath, properties, certificates, secrets, positions);
        return (settings, [.. secretDiagnostics, .. diagnostics]);
    }
}
