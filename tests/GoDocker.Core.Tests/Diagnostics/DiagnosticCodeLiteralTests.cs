using System.Text.RegularExpressions;
using GoDocker.Sdk.Tests.Infrastructure;

namespace GoDocker.Core.Tests.Diagnostics;

/// <summary>A code is written once, in the catalog: a "GDnnnn" literal elsewhere drifts when the catalog changes.</summary>
public partial class DiagnosticCodeLiteralTests
{
    [Fact]
    public void No_source_file_outside_the_catalog_writes_a_diagnostic_code_literal()
    {
        var sources = Directory.EnumerateFiles(RepositoryPaths.Path("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .ToList();
        Assert.Contains(sources, f => f.EndsWith("DiagnosticCatalog.cs", StringComparison.Ordinal));

        var found = sources
            .Where(f => Path.GetFileName(f) != "DiagnosticCatalog.cs")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => CodeLiteral().IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(RepositoryPaths.Root, l.File)}({l.Line}): {l.Text.Trim()}")
            .ToList();

        Assert.Empty(found);
    }

    [Fact]
    public void The_scan_recognises_plain_interpolated_and_verbatim_literals()
    {
        Assert.Matches(CodeLiteral(), "key: \"GD6011\"");
        Assert.Matches(CodeLiteral(), "$\"GD6011|{module}\"");
        Assert.Matches(CodeLiteral(), "@\"GD4001\"");
        Assert.DoesNotMatch(CodeLiteral(), "/// <summary>GD6011: a comment</summary>");
        Assert.DoesNotMatch(CodeLiteral(), "\"see GD3050\"");
    }

    [GeneratedRegex("\"GD[0-9]{4}")]
    private static partial Regex CodeLiteral();
}
