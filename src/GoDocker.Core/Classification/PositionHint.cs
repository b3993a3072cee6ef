using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification;

/// <summary>
/// What a finding should point at, resolved against the project only once all rules ran.
/// Kept as data (not a location) so rules stay independent of go.mod parsing and tests can assert the intent.
/// </summary>
public abstract record PositionHint
{
    public static PositionHint None { get; } = new NoPosition();

    public abstract SourceLocation? Resolve(IDiagnosticPositions positions);

    /// <summary>Falls back to <paramref name="next"/> when this hint finds nothing in the project.</summary>
    public PositionHint OrElse(PositionHint next) => new FirstOfPosition(this, next);
}

public sealed record NoPosition : PositionHint
{
    public override SourceLocation? Resolve(IDiagnosticPositions positions) => null;
}

/// <summary>The require line of a module; with <paramref name="OrParent"/>, of the longest required prefix of a package path.</summary>
public sealed record RequirePosition(string ModulePath, bool OrParent = false) : PositionHint
{
    public override SourceLocation? Resolve(IDiagnosticPositions positions)
    {
        var path = ModulePath;
        while (path.Length > 0)
        {
            if (positions.Require(path) is { } location)
            {
                return location;
            }
            var slash = path.LastIndexOf('/');
            if (!OrParent || slash <= 0)
            {
                return null;
            }
            path = path[..slash];
        }
        return null;
    }
}

/// <summary>The replace line of a module go fetched as "M@V (replaced by ...)": that is the line that chooses what is fetched.</summary>
public sealed record ReplacePosition(string ModulePath) : PositionHint
{
    public override SourceLocation? Resolve(IDiagnosticPositions positions) => positions.Replace(ModulePath);
}

public sealed record SumPosition(string ModulePath, string Version, bool GoMod) : PositionHint
{
    public override SourceLocation? Resolve(IDiagnosticPositions positions) => positions.Sum(ModulePath, Version, GoMod);
}

/// <summary>The element of a setting; with <paramref name="OrProjectFile"/>, the project file when the setting is left at its default.</summary>
public sealed record PropertyPosition(string Name, bool OrProjectFile = false) : PositionHint
{
    public override SourceLocation? Resolve(IDiagnosticPositions positions) =>
        positions.Property(Name) ?? (OrProjectFile ? positions.ProjectFile() : null);
}

public sealed record DirectivePosition(string Keyword) : PositionHint
{
    public override SourceLocation? Resolve(IDiagnosticPositions positions) => positions.Directive(Keyword);
}

public sealed record GoModLinePosition(int Line) : PositionHint
{
    public override SourceLocation? Resolve(IDiagnosticPositions positions) => positions.GoModLine(Line);
}

public sealed record FirstOfPosition(PositionHint First, PositionHint Second) : PositionHint
{
    public override SourceLocation? Resolve(IDiagnosticPositions positions) => First.Resolve(positions) ?? Second.Resolve(positions);
}

/// <summary>A place known before the rules ran, such as the project item a refined finding concerns.</summary>
public sealed record FixedPosition(SourceLocation Location) : PositionHint
{
    public override SourceLocation? Resolve(IDiagnosticPositions positions) => Location;
}
