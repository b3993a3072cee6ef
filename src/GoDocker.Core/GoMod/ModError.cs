using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.GoMod;

/// <summary>
/// One problem found in a go.mod or go.work file, printed exactly as the go command prints it
/// (<c>go.mod:3:5: ...</c>, or <c>go.mod:3: require x: ...</c> for directive errors).
/// </summary>
public sealed record ModError(string FileName, ModPosition Pos, string Message, string Verb = "", string ModPath = "")
{
    public int Line => Pos.Line;
    /// <summary>1-based column (in runes) of the error; 1 for directive errors, which point at the start of their line.</summary>
    public int Column => Pos.LineRune;

    public override string ToString()
    {
        var pos = Pos.LineRune > 1 ? $"{FileName}:{Pos.Line}:{Pos.LineRune}: "
            : Pos.Line > 0 ? $"{FileName}:{Pos.Line}: "
            : FileName != "" ? $"{FileName}: " : "";
        var directive = ModPath != "" ? $"{Verb} {ModPath}: " : Verb != "" ? $"{Verb}: " : "";
        return pos + directive + Message;
    }

    /// <summary>The text after the position prefix (what follows <c>go.mod:3: </c>).</summary>
    public string Text => (ModPath != "" ? $"{Verb} {ModPath}: " : Verb != "" ? $"{Verb}: " : "") + Message;

    /// <summary>This error as a diagnostic of <paramref name="descriptor"/>, pointing at its line and column in <paramref name="path"/>.</summary>
    public Diagnostic ToDiagnostic(DiagnosticDescriptor descriptor, string? path = null)
    {
        var file = path ?? FileName;
        var location = Pos.Line > 0
            ? new SourceLocation(file, Pos.Line, Math.Max(1, Pos.LineRune))
            : SourceLocation.Of(file);
        return descriptor.Create(location, ToString());
    }
}

/// <summary>
/// The only exception the go.mod/go.work parsers throw: every problem they found, each with its position and Go's wording.
/// </summary>
public sealed class ModParseException : Exception
{
    public ModParseException(IReadOnlyList<ModError> errors)
        : base(string.Join("\n", errors.Select(e => e.ToString()))) => Errors = errors;

    public IReadOnlyList<ModError> Errors { get; }

    /// <summary>The errors as diagnostics (GD2001 for go.mod, GD2003 for go.work).</summary>
    public IReadOnlyList<Diagnostic> ToDiagnostics(DiagnosticDescriptor descriptor, string? path = null) =>
        Errors.Select(e => e.ToDiagnostic(descriptor, path)).ToList();

    /// <summary>The errors as GD2001 go.mod diagnostics.</summary>
    public IReadOnlyList<Diagnostic> ToGoModDiagnostics(string? path = null) => ToDiagnostics(DiagnosticCatalog.GoModSyntax, path);

    /// <summary>The errors as GD2003 go.work diagnostics.</summary>
    public IReadOnlyList<Diagnostic> ToGoWorkDiagnostics(string? path = null) => ToDiagnostics(DiagnosticCatalog.GoWorkSyntax, path);
}
