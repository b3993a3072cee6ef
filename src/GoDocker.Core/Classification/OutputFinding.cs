using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification;

/// <summary>
/// A cause a rule recognized in the output: the catalog entry with its message arguments, what it should point at,
/// the output lines it explains, and a key naming the cause (code plus module or host) for deduplication.
/// </summary>
public sealed record OutputFinding(
    DiagnosticDescriptor Descriptor,
    IReadOnlyList<object?> Arguments,
    PositionHint Position,
    int FirstLine,
    int LastLine,
    string Key)
{
    public string Code => Descriptor.Code;

    /// <summary>
    /// Set when the key cannot name the cause (a package path, whose module is known only from go.mod): findings of one
    /// code that resolve to the same project line are then one cause.
    /// </summary>
    public bool MergeByPosition { get; init; }

    public Diagnostic ToDiagnostic(IDiagnosticPositions positions) =>
        Descriptor.Create(Position.Resolve(positions), Arguments.ToArray());
}
