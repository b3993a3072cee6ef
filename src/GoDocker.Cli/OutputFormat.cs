namespace GoDocker.Cli;

/// <summary>The --format values (docs/cli.md, docs/ci.md).</summary>
internal enum OutputFormat
{
    Text,
    Json,
    Sarif,

    /// <summary>GitHub Actions workflow commands: one annotation per diagnostic.</summary>
    Github,

    /// <summary>A GitLab Code Quality report.</summary>
    Gitlab,
}
