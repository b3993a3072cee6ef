using GoDocker.Core.GoMod;
using GoDocker.Core.GoWork;
using GoDocker.Core.Tests.GoMod;

namespace GoDocker.Core.Tests.GoWork;

public sealed class GoWorkFileTests
{
    // use entries counted independently with awk (block lines plus single-line use directives).
    public static TheoryData<string, int> Files() => new()
    {
        { "grafana__grafana/go.work", 28 },
        { "kubernetes__kubernetes/go.work", 31 },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Real_go_work_files_parse_and_format_back_byte_for_byte(string relative, int uses)
    {
        var data = File.ReadAllBytes(Path.Combine(ModTestData.RealWorld, relative));
        var f = GoWorkFile.Parse(relative, data);
        Assert.Equal(uses, f.Use.Count);
        Assert.NotNull(f.Go);
        Assert.Equal(data, ModFormatter.FormatBytes(f.Syntax));
    }

    [Fact]
    public void Directives_are_read()
    {
        var f = GoWorkFile.Parse("go.work", "go 1.23\ntoolchain go1.23.1\ngodebug (\n\tpanicnil=1\n)\nuse (\n\t.\n\t\"./with space\"\n)\nreplace a.b/c v1.0.0 => ../c\n");
        Assert.Equal("1.23", f.Go!.Version);
        Assert.Equal("go1.23.1", f.Toolchain!.Name);
        Assert.Equal(("panicnil", "1"), (f.Godebug[0].Key, f.Godebug[0].Value));
        Assert.Equal([".", "./with space"], f.Use.Select(u => u.Path).ToArray());
        Assert.Equal("../c", f.Replace[0].New.Path);
    }

    [Fact]
    public void Errors_name_the_file_and_line_and_become_GD2003()
    {
        var e = Assert.Throws<ModParseException>(() => GoWorkFile.Parse("go.work", "go 1.22\nrequire x v1.0.0\nuse a b\n"));
        Assert.Equal("go.work:2: unknown directive: require\ngo.work:3: usage: use local/dir", e.Message);
        var d = e.ToGoWorkDiagnostics("/w/go.work");
        Assert.All(d, x => Assert.Equal("GD2003", x.Code));
        Assert.Equal(3, d[1].Location!.Line);
    }

    [Theory]
    [InlineData("go 1.22\ntoolchain 1.22\n", "go.work:2: invalid toolchain version '1.22': must match format go1.23.0 or default")]
    [InlineData("go 1.22\ntoolchain go1.22.0 local\n", "go.work:2: toolchain directive expects exactly one argument")]
    [InlineData("go 1.22\ntoolchain go1.22.0\ntoolchain go1.22.1\n", "go.work:3: repeated toolchain statement")]
    public void Toolchain_lines_are_checked_as_in_go_mod(string text, string expected) =>
        Assert.Equal(expected, Assert.Throws<ModParseException>(() => GoWorkFile.Parse("go.work", text)).Message);
}
