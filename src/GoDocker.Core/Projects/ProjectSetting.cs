namespace GoDocker.Core.Projects;

/// <summary>Which part of the project a setting belongs to; the docs table it is listed in.</summary>
public enum ProjectSettingSection
{
    /// <summary>A Go environment variable, with the go command's meaning.</summary>
    Go,

    /// <summary>How the SDK writes and runs the Dockerfile.</summary>
    Sdk,

    /// <summary>The module proxy gateway the SDK can run for a build.</summary>
    Gateway,
}

/// <summary>
/// One .goproj setting, declared once: its MSBuild name, the Go variable it becomes, the default the SDK's targets
/// give it when it is empty (an MSBuild expression) with the one-line reason, and the docs line. The targets, the
/// tool's evaluation and docs/sdk.md all follow <see cref="ProjectSettingCatalog"/>.
/// </summary>
public sealed record ProjectSetting(string Name, ProjectSettingSection Section, string Meaning)
{
    /// <summary>The environment variable the value becomes in the build (GOPROXY for GoProxy), or null for SDK settings.</summary>
    public string? GoVariable { get; init; }

    /// <summary>The default as an MSBuild expression, applied only when the property is empty; null when empty means empty.</summary>
    public string? Default { get; init; }

    /// <summary>Why that default, in one line: the comment above it in the targets.</summary>
    public string? DefaultReason { get; init; }

    /// <summary>The default as the docs state it, when the expression is not what a reader should see.</summary>
    public string? DocumentedDefault { get; init; }

    /// <summary>An item type (GoCaCertificate) rather than a property.</summary>
    public bool IsItem { get; init; }

    public override string ToString() => Name;
}
