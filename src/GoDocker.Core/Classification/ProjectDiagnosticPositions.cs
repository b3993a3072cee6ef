using GoDocker.Core.Diagnostics;
using GoDocker.Core.GoMod;
using GoDocker.Core.GoSum;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Classification;

/// <summary>
/// Positions in a real project: require and directive lines from the parsed go.mod, lines from go.sum, and the
/// elements of the .goproj. A go.mod the strict parser rejects (the failure being explained may be exactly that) is
/// read leniently, then from its syntax alone; one that is not go.mod syntax gives no positions rather than an error.
/// </summary>
public sealed class ProjectDiagnosticPositions : IDiagnosticPositions
{
    private readonly string _goModPath;
    private readonly GoModFile? _goMod;
    private readonly GoSumFile? _goSum;
    private readonly ProjectFilePositions? _project;

    public ProjectDiagnosticPositions(string goModPath, string? goModText, string? goSumPath, string? goSumText, ProjectFilePositions? project)
    {
        _goModPath = goModPath;
        _goMod = goModText is null ? null : ParseGoMod(goModPath, goModText);
        _goSum = goSumPath is null || goSumText is null ? null : GoSumFile.ParseLenient(goSumPath, goSumText);
        _project = project;
    }

    /// <summary>Reads go.mod and the go.sum beside it; missing files simply give no positions.</summary>
    public static ProjectDiagnosticPositions Load(string goModPath, ProjectFilePositions? project = null)
    {
        var goSumPath = GoSumFile.PathBeside(goModPath);
        return new ProjectDiagnosticPositions(goModPath, ReadOrNull(goModPath), goSumPath, ReadOrNull(goSumPath), project);
    }

    public static ProjectDiagnosticPositions For(GoProjectSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var project = settings.ProjectPath.EndsWith(".goproj", StringComparison.OrdinalIgnoreCase) || settings.ProjectPath.EndsWith("proj", StringComparison.OrdinalIgnoreCase)
            ? settings.Positions
            : null;
        return Load(settings.GoModFile, project);
    }

    public SourceLocation? Require(string modulePath)
    {
        return _goMod?.FindRequire(modulePath) is { Syntax: not null } require
            ? GoModFile.PathLocationOf(require, _goModPath)
            : ReplacedBy(modulePath);
    }

    // A fork or mirror fetched through "replace X => fork v" is not required by its own path: the replace line is the
    // line to change.
    private SourceLocation? ReplacedBy(string modulePath)
    {
        var candidates = GoModFile.PathCandidates(modulePath).ToList();
        var replace = _goMod?.Replace.FirstOrDefault(r => candidates.Contains(r.New.Path) && r.New.Version.Length > 0);
        return replace is null ? null : GoModFile.LocationOf(replace.Syntax, _goModPath);
    }

    public SourceLocation? Replace(string modulePath)
    {
        var candidates = GoModFile.PathCandidates(modulePath).ToList();
        var replace = _goMod?.Replace.FirstOrDefault(r => candidates.Contains(r.Old.Path));
        return replace is null ? null : GoModFile.LocationOf(replace.Syntax, _goModPath);
    }

    public SourceLocation? Sum(string modulePath, string version, bool goMod) =>
        _goSum?.Find(modulePath, version, goMod) is { } line ? line.Location(_goSum.FileName) : null;

    /// <summary>Only an element the project really writes: a default set elsewhere has no line to change.</summary>
    public SourceLocation? Property(string name)
    {
        if (_project is null)
        {
            return null;
        }
        var location = _project.Property(name);
        if (location.Line <= 0)
        {
            location = _project.Item(name, "");
        }
        return location.Line > 0 ? location : null;
    }

    public SourceLocation? ProjectFile() => _project is null ? null : SourceLocation.Of(_project.ProjectPath);

    public SourceLocation? Directive(string keyword)
    {
        if (_goMod is null)
        {
            return null;
        }
        foreach (var statement in _goMod.Syntax.Stmt)
        {
            switch (statement)
            {
                case ModLine { Token: { Count: > 0 } tokens } line when tokens[0] == keyword:
                    return GoModFile.LocationOf(line, _goModPath);
                case ModLineBlock block when block.Token.Count > 0 && block.Token[0] == keyword && block.Line.Count > 0:
                    return GoModFile.LocationOf(block.Line[0], _goModPath);
            }
        }
        return null;
    }

    public SourceLocation? GoModLine(int line) =>
        line > 0 && _goMod is not null && line <= LineCount ? new SourceLocation(_goModPath, line, 1) : null;

    private int LineCount => _goMod?.Syntax.Span.End.Line ?? 0;

    private static GoModFile? ParseGoMod(string path, string text)
    {
        try
        {
            return GoModFile.Parse(path, text);
        }
        catch (ModParseException)
        {
        }
        try
        {
            return GoModFile.ParseLax(path, text);
        }
        catch (ModParseException)
        {
        }
        try
        {
            // A version go rejects (v1.2.0.1, v9.9.9 on a v1 path) fails the lax parse too; its line is still there.
            return GoModFile.ParseSyntaxOnly(path, text);
        }
        catch (ModParseException)
        {
            return null;
        }
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
