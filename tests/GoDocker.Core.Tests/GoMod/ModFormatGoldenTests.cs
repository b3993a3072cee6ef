using GoDocker.Core.GoMod;
using GoDocker.Core.GoWork;

namespace GoDocker.Core.Tests.GoMod;

/// <summary>x/mod's TestPrintGolden / TestPrintParse over modfile/testdata and its work/ folder.</summary>
public sealed class ModFormatGoldenTests
{
    // The README names these as the only files the strict parse may reject.
    private static readonly HashSet<string> SyntaxOnly = ["block.in", "block.golden", "comment.in", "comment.golden", "rule1.golden"];

    public static TheoryData<string> ModPairs() =>
        [.. Directory.GetFiles(ModTestData.XModModfile, "*.in").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order()];

    public static TheoryData<string> ModFiles() =>
        [.. Directory.GetFiles(ModTestData.XModModfile).Select(Path.GetFileName).Where(n => n!.EndsWith(".in") || n.EndsWith(".golden")).OfType<string>().Order()];

    public static TheoryData<string> WorkPairs() =>
        [.. Directory.GetFiles(Path.Combine(ModTestData.XModModfile, "work"), "*.in").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order()];

    public static TheoryData<string> WorkFiles() =>
        [.. Directory.GetFiles(Path.Combine(ModTestData.XModModfile, "work")).Select(Path.GetFileName).OfType<string>().Order()];

    private static string FormatModFile(string name, byte[] data) =>
        SyntaxOnly.Contains(name)
            ? ModFormatter.Format(ModSyntaxParser.Parse(name, data))
            : GoModFile.Parse(name, data).Format();

    [Theory]
    [MemberData(nameof(ModPairs))]
    public void Formatting_in_gives_golden(string name)
    {
        var input = File.ReadAllBytes(Path.Combine(ModTestData.XModModfile, name + ".in"));
        var golden = File.ReadAllText(Path.Combine(ModTestData.XModModfile, name + ".golden"));
        Assert.Equal(golden, FormatModFile(name + ".in", input));
    }

    [Theory]
    [MemberData(nameof(ModFiles))]
    public void Golden_formats_to_itself_and_round_trips(string name)
    {
        var data = File.ReadAllBytes(Path.Combine(ModTestData.XModModfile, name));
        var formatted = FormatModFile(name, data);
        if (name.EndsWith(".golden")) Assert.Equal(File.ReadAllText(Path.Combine(ModTestData.XModModfile, name)), formatted);

        var first = SyntaxOnly.Contains(name) ? ModSyntaxParser.Parse(name, data) : GoModFile.Parse(name, data).Syntax;
        var second = SyntaxOnly.Contains(name) ? ModSyntaxParser.Parse(name, formatted) : GoModFile.Parse(name, formatted).Syntax;
        Assert.Equal(ModTestData.Shape(first), ModTestData.Shape(second));
    }

    [Theory]
    [MemberData(nameof(ModFiles))]
    public void Strict_parse_fails_only_where_the_readme_allows(string name)
    {
        var data = File.ReadAllBytes(Path.Combine(ModTestData.XModModfile, name));
        if (SyntaxOnly.Contains(name))
            Assert.Throws<ModParseException>(() => GoModFile.Parse(name, data));
        else
            GoModFile.Parse(name, data);
    }

    [Theory]
    [MemberData(nameof(WorkPairs))]
    public void Work_in_gives_golden(string name)
    {
        var dir = Path.Combine(ModTestData.XModModfile, "work");
        var input = File.ReadAllBytes(Path.Combine(dir, name + ".in"));
        var golden = File.ReadAllText(Path.Combine(dir, name + ".golden"));
        Assert.Equal(golden, GoWorkFile.Parse(name + ".in", input).Format());
    }

    [Theory]
    [MemberData(nameof(WorkFiles))]
    public void Work_files_parse_strictly_and_round_trip(string name)
    {
        var data = File.ReadAllBytes(Path.Combine(ModTestData.XModModfile, "work", name));
        var first = GoWorkFile.Parse(name, data);
        var formatted = first.Format();
        var second = GoWorkFile.Parse(name, formatted);
        Assert.Equal(ModTestData.Shape(first.Syntax), ModTestData.Shape(second.Syntax));
        Assert.Equal(formatted, second.Format());
    }
}
