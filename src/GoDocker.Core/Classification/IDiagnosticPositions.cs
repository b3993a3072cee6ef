using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification;

/// <summary>
/// Where in the project a classified failure should point. Implementations look the answer up in the parsed
/// go.mod, go.sum and project file; every method returns null when the project has no such line.
/// </summary>
public interface IDiagnosticPositions
{
    /// <summary>The go.mod require line of a module path (as go prints it, unescaped).</summary>
    SourceLocation? Require(string modulePath);

    /// <summary>The go.mod replace line whose left side is the module path (a fork, a mirror or a local directory).</summary>
    SourceLocation? Replace(string modulePath);

    /// <summary>The go.sum line of <c>path version</c> (or <c>path version/go.mod</c> when <paramref name="goMod"/>).</summary>
    SourceLocation? Sum(string modulePath, string version, bool goMod);

    /// <summary>The project element (property or item) that fixes the failure, such as GoProxy or GoBaseImage.</summary>
    SourceLocation? Property(string name);

    /// <summary>The project file itself, for a setting the project leaves at its default (nothing to point into).</summary>
    SourceLocation? ProjectFile();

    /// <summary>The first go.mod line holding a directive such as <c>go</c> or <c>toolchain</c>.</summary>
    SourceLocation? Directive(string keyword);

    /// <summary>A go.mod line the go command named as <c>go.mod:N</c>.</summary>
    SourceLocation? GoModLine(int line);
}

/// <summary>Positions for a log explained without a project: nothing can be pointed at.</summary>
public sealed class NoDiagnosticPositions : IDiagnosticPositions
{
    public static NoDiagnosticPositions Instance { get; } = new();

    public SourceLocation? Require(string modulePath) => null;
    public SourceLocation? Replace(string modulePath) => null;
    public SourceLocation? Sum(string modulePath, string version, bool goMod) => null;
    public SourceLocation? Property(string name) => null;
    public SourceLocation? ProjectFile() => null;
    public SourceLocation? Directive(string keyword) => null;
    public SourceLocation? GoModLine(int line) => null;
}
