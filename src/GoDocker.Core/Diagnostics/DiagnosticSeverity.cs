namespace GoDocker.Core.Diagnostics;

/// <summary>How a diagnostic affects the build: errors fail it, warnings and messages do not.</summary>
public enum DiagnosticSeverity
{
    Error,
    Warning,
    Message,
}
