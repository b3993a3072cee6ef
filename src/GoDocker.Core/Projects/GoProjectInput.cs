using GoDocker.Core.GoEnv;

namespace GoDocker.Core.Projects;

/// <summary>One item as a front end hands it over: its Include and a way to read its metadata.</summary>
public sealed record ProjectItem(string Include, Func<string, string?> Metadata);

/// <summary>
/// A project as a front end evaluated it, before anything is parsed or checked: the settings of
/// <see cref="ProjectSettingCatalog"/> by name (MSBuild's evaluated values, or the tool's), the item lists, and the
/// environment the build runs in. <see cref="GoProject.Load"/> is the one step that turns it into the typed model.
/// </summary>
public sealed record GoProjectInput(string ProjectPath)
{
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>GoCaCertificate items, as full paths.</summary>
    public IReadOnlyList<string> CaCertificates { get; init; } = [];

    /// <summary>GoBuildSecret items with their metadata (File, Env, Kind, Host, User, KnownHosts).</summary>
    public IReadOnlyList<ProjectItem> BuildSecrets { get; init; } = [];

    /// <summary>GoEnvironmentVariable items: Include the variable's name, metadata Value its value.</summary>
    public IReadOnlyList<ProjectItem> EnvironmentVariables { get; init; } = [];

    /// <summary>GoImageLabel items: Include the label's name, metadata Value its value.</summary>
    public IReadOnlyList<ProjectItem> ImageLabels { get; init; } = [];

    /// <summary>Where the project file writes each setting; null reads the project file at <see cref="ProjectPath"/>.</summary>
    public ProjectFilePositions? Positions { get; init; }

    /// <summary>The process environment the go command would also read (GOPROXY, GOENV, HTTPS_PROXY, …).</summary>
    public IEnvironmentSource Environment { get; init; } = ProcessEnvironmentSource.Instance;

    /// <summary>Where the go env -w file is read from.</summary>
    public ITextFileSource Files { get; init; } = LocalTextFileSource.Instance;
}
