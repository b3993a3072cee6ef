namespace GoDocker.Core.Diagnostics;

/// <summary>
/// A 1-based position (and optional end) in a file a diagnostic concerns. Line 0 means "the whole file".
/// </summary>
public sealed record SourceLocation(string File, int Line = 0, int Column = 0, int EndLine = 0, int EndColumn = 0)
{
    public static SourceLocation Of(string file) => new(file);

    public override string ToString() =>
        Line <= 0 ? File : Column <= 0 ? $"{File}({Line})" : $"{File}({Line},{Column})";
}
