using System.Text;
using GoDocker.Core.Projects;
using Microsoft.Build.Framework;

namespace GoDocker.Tasks;

/// <summary>
/// A task that works on the project: its settings arrive as items (name + Value, one per setting of
/// <see cref="ProjectSettingCatalog"/>), and are parsed into a <see cref="GoProject"/> once per build. The first task
/// to need the model parses it and registers it with the build engine; the later ones of the same build take it.
/// </summary>
public abstract class GoProjectTask : GoDockerTask
{
    [Required]
    public string ProjectPath { get; set; } = "";

    /// <summary>One item per setting: Include is the property name, metadata Value its evaluated value.</summary>
    [Required]
    public ITaskItem[] Settings { get; set; } = [];

    public ITaskItem[] CaCertificates { get; set; } = [];

    /// <summary>GoBuildSecret items: Include is the secret id; metadata File or Env, Kind, Host, User, KnownHosts.</summary>
    public ITaskItem[] BuildSecrets { get; set; } = [];

    /// <summary>GoEnvironmentVariable items: Include is the variable, metadata Value its value.</summary>
    public ITaskItem[] EnvironmentVariables { get; set; } = [];

    /// <summary>GoImageLabel items: Include is the label's name, metadata Value its value.</summary>
    public ITaskItem[] ImageLabels { get; set; } = [];

    /// <summary>The gateway this package ships, run where GoProxy points when the project sets GoDockerStartProxy.</summary>
    public string ProxyGatewayAssembly { get; set; } = "";

    /// <summary>Passed with the settings by GoDocker.Warnings.targets.</summary>
    protected override string? WarningsAsMessages =>
        Settings.FirstOrDefault(i => string.Equals(i.ItemSpec, "MSBuildWarningsAsMessages", StringComparison.OrdinalIgnoreCase))?.GetMetadata("Value");

    /// <summary>The project model of this build, with the diagnostics found while parsing it.</summary>
    protected GoProject LoadProject()
    {
        var key = ModelKey();
        var engine = BuildEngine as IBuildEngine4;
        if (engine?.GetRegisteredTaskObject(key, RegisteredTaskObjectLifetime.Build) is GoProject cached)
        {
            return cached;
        }
        var project = GoProject.Load(new GoProjectInput(ProjectPath)
        {
            Properties = Settings.ToDictionary(i => i.ItemSpec, i => i.GetMetadata("Value"), StringComparer.OrdinalIgnoreCase),
            CaCertificates = [.. CaCertificates.Select(i => i.GetMetadata("FullPath") is { Length: > 0 } full ? full : i.ItemSpec)],
            BuildSecrets = [.. BuildSecrets.Select(i => new ProjectItem(i.ItemSpec, name => i.GetMetadata(name)))],
            EnvironmentVariables = [.. EnvironmentVariables.Select(i => new ProjectItem(i.ItemSpec, name => i.GetMetadata(name)))],
            ImageLabels = [.. ImageLabels.Select(i => new ProjectItem(i.ItemSpec, name => i.GetMetadata(name)))],
        });
        engine?.RegisterTaskObject(key, project, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: true);
        return project;
    }

    /// <summary>Everything the model is made of, so a task never takes a model parsed from other values.</summary>
    private string ModelKey()
    {
        var key = new StringBuilder("GoDocker.GoProject\0").Append(ProjectPath);
        foreach (var setting in Settings)
        {
            key.Append('\0').Append(setting.ItemSpec).Append('=').Append(setting.GetMetadata("Value"));
        }
        foreach (var item in CaCertificates)
        {
            key.Append("\0ca=").Append(item.GetMetadata("FullPath"));
        }
        foreach (var item in BuildSecrets)
        {
            key.Append("\0secret=").Append(item.ItemSpec);
            foreach (var name in GoBuildSecretItems.MetadataNames)
            {
                key.Append('|').Append(item.GetMetadata(name));
            }
        }
        foreach (var item in EnvironmentVariables)
        {
            key.Append("\0env=").Append(item.ItemSpec).Append('=').Append(item.GetMetadata("Value"));
        }
        foreach (var item in ImageLabels)
        {
            key.Append("\0label=").Append(item.ItemSpec).Append('=').Append(item.GetMetadata("Value"));
        }
        return key.ToString();
    }
}
