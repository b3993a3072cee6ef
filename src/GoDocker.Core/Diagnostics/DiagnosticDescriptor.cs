using System.Globalization;

namespace GoDocker.Core.Diagnostics;

/// <summary>
/// One entry of the catalog: a stable code, its severity and a message template that names the cause and the fix.
/// </summary>
public sealed record DiagnosticDescriptor(string Code, DiagnosticSeverity Severity, string Title, string MessageFormat)
{
    /// <summary>Where users read about the code; the page lives at docs/diagnostics/{Code}.md in the repository.</summary>
    public string HelpLink => DiagnosticCatalog.HelpLinkBase + Code + ".md";

    /// <summary>What the user changes to fix it, so a diagnostic without a position is placed at that line.</summary>
    public DiagnosticSubject Subject { get; init; } = DiagnosticSubject.Setting;

    public Diagnostic Create(SourceLocation? location, params object?[] args) =>
        new(this, Format(args), location);

    public Diagnostic Create(params object?[] args) => Create(null, args);

    public string Format(params object?[] args) =>
        args.Length == 0 ? MessageFormat : string.Format(CultureInfo.InvariantCulture, MessageFormat, args);
}
