namespace GoDocker.Core.Diagnostics;

/// <summary>Thrown by Core when it cannot go on; the front ends turn it back into the diagnostic it carries.</summary>
public sealed class DiagnosticException : Exception
{
    public DiagnosticException(Diagnostic diagnostic, Exception? inner = null)
        : base(diagnostic.Message, inner) => Diagnostic = diagnostic;

    public Diagnostic Diagnostic { get; }
}
