namespace GoDocker.Core.Diagnostics;

/// <summary>A reported problem: a catalog entry, its formatted message and where it points.</summary>
public sealed record Diagnostic(DiagnosticDescriptor Descriptor, string Message, SourceLocation? Location)
{
    public string Code => Descriptor.Code;
    public DiagnosticSeverity Severity => Descriptor.Severity;
    public string HelpLink => Descriptor.HelpLink;
    public bool IsError => Severity == DiagnosticSeverity.Error;

    public Diagnostic At(SourceLocation? location) => this with { Location = location };

    /// <summary>The canonical MSBuild/compiler form: <c>file(line,col): error GD1234: message</c>.</summary>
    public override string ToString()
    {
        var kind = Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "info",
        };
        var prefix = Location is null ? "godocker" : Location.ToString();
        return $"{prefix}: {kind} {Code}: {Message}";
    }
}
