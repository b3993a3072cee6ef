using System.Collections.Immutable;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.GoMod;
using ParsedGoMod = GoDocker.Core.GoMod.GoModFile;

namespace GoDocker.Core.Dockerfiles;

/// <summary>A <c>replace</c> of a module by a local directory, with where it is written in go.mod.</summary>
public sealed record LocalReplace(string ModulePath, string DirectoryText, string Directory, SourceLocation Location);

/// <summary>A go.mod <c>go</c> or <c>toolchain</c> requirement ("1.22.3"), with its line.</summary>
public sealed record GoRequirement(string Directive, string Version, SourceLocation Location);

/// <summary>
/// What the Dockerfile needs to know about a module: its go.mod's go/toolchain lines, its local directory
/// replacements, whether go.sum exists and whether a vendor folder is present.
/// </summary>
public sealed record GoModuleFacts(
    string GoModFile,
    bool HasGoSum,
    bool HasVendor,
    GoRequirement? Go,
    GoRequirement? Toolchain,
    ImmutableArray<LocalReplace> LocalReplaces)
{
    public string ModuleDirectory => Path.GetDirectoryName(GoModFile)!;

    /// <summary>Reads go.mod with the go command's parser; syntax errors come back as GD2001 diagnostics.</summary>
    public static async Task<(GoModuleFacts? Facts, IReadOnlyList<Diagnostic> Diagnostics)> ReadAsync(string goModFile, CancellationToken cancellationToken)
    {
        byte[] data;
        try
        {
            data = await File.ReadAllBytesAsync(goModFile, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, [DiagnosticCatalog.GoModNotFound.Create(SourceLocation.Of(goModFile), goModFile)]);
        }
        var file = ParsedGoMod.TryParse(goModFile, data, out var diagnostics, strict: true);
        if (file is null)
        {
            return (null, diagnostics);
        }
        return (From(goModFile, file), []);
    }

    public static GoModuleFacts From(string goModFile, ParsedGoMod file)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(goModFile))!;
        GoRequirement? go = file.Go is { } g && g.Version.Length > 0
            ? new GoRequirement("go", g.Version, ParsedGoMod.LocationOf(g.Syntax, goModFile))
            : null;
        GoRequirement? toolchain = file.Toolchain is { } t && t.Name.StartsWith("go1", StringComparison.Ordinal)
            ? new GoRequirement("toolchain", t.Name[2..].Split('-')[0], ParsedGoMod.LocationOf(t.Syntax, goModFile))
            : null;

        var replaces = ImmutableArray.CreateBuilder<LocalReplace>();
        foreach (var replace in file.Replace)
        {
            if (replace.New.Version.Length != 0 || !ModRules.IsDirectoryPath(replace.New.Path))
            {
                continue;
            }
            var target = Path.GetFullPath(Path.Combine(directory, replace.New.Path));
            replaces.Add(new LocalReplace(replace.Old.Path, replace.New.Path, target, LocationOfTarget(replace.Syntax, goModFile)));
        }

        return new GoModuleFacts(
            Path.GetFullPath(goModFile),
            HasGoSum: File.Exists(Path.Combine(directory, "go.sum")),
            HasVendor: File.Exists(Path.Combine(directory, "vendor", "modules.txt")),
            go,
            toolchain,
            replaces.ToImmutable());
    }

    private static SourceLocation LocationOfTarget(ModLine line, string path)
    {
        var arrow = line.Token?.IndexOf("=>") ?? -1;
        if (arrow >= 0 && line.SpanOfToken(arrow + 1) is { } span)
        {
            return new SourceLocation(path, span.Start.Line, span.Start.LineRune, span.End.Line, span.End.LineRune);
        }
        return ParsedGoMod.LocationOf(line, path);
    }
}
