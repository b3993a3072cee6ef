using GoDocker.Core.GoMod;

namespace GoDocker.Core.Tests.GoMod;

/// <summary>go.mod files of public projects: strict parse, byte-for-byte formatting and their requirement counts.</summary>
public sealed class RealWorldGoModTests
{
    // Counted independently with awk over the files (lines inside require blocks plus single-line requires).
    public static TheoryData<string, int> Files() => new()
    {
        { "caddyserver__caddy/go.mod", 164 },
        { "cli__cli/go.mod", 32 },
        { "docker__cli/vendor.mod", 97 },
        { "etcd-io__etcd/go.mod", 86 },
        { "gohugoio__hugo/go.mod", 66 },
        { "golang__mod/go.mod", 1 },
        { "golang__tools/gopls/go.mod", 27 },
        { "golang__website/go.mod", 56 },
        { "goproxy__goproxy/go.mod", 25 },
        { "grafana__grafana/go.mod", 546 },
        { "hashicorp__terraform/go.mod", 126 },
        { "klauspost__compress/go.mod", 0 },
        { "kubernetes__kubernetes/go.mod", 210 },
        { "microsoft__typescript-go/go.mod", 15 },
        { "prometheus__prometheus/go.mod", 109 },
        { "spf13__cobra/go.mod", 4 },
    };

    [Fact]
    public void Every_module_file_in_the_corpus_is_listed()
    {
        var onDisk = Directory.GetFiles(ModTestData.RealWorld, "*.mod", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(ModTestData.RealWorld, p).Replace('\\', '/')).Order().ToList();
        Assert.Equal(onDisk, Files().Select(r => (string)r.Data.Item1).Order().ToList());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Parses_strictly_and_formats_back_byte_for_byte(string relative, int requireCount)
    {
        var data = File.ReadAllBytes(Path.Combine(ModTestData.RealWorld, relative));
        var f = GoModFile.Parse(relative, data);
        Assert.False(string.IsNullOrEmpty(f.Module?.Mod.Path));
        Assert.Equal(requireCount, f.Require.Count);
        Assert.Equal(data, ModFormatter.FormatBytes(f.Syntax));
    }

    [Fact]
    public void Directives_of_the_corpus_are_read_with_their_values()
    {
        var k8s = GoModFile.Parse("go.mod", ModTestData.Read("real-world/kubernetes__kubernetes/go.mod"));
        Assert.Equal("k8s.io/kubernetes", k8s.Module!.Mod.Path);
        Assert.Equal("1.22.0", k8s.Go!.Version);
        Assert.Contains(k8s.Godebug, g => g.Key == "default" && g.Value == "go1.22");
        Assert.Contains(k8s.Replace, r => r.New.Path.StartsWith("./staging/") && r.New.Version == "");

        var etcd = GoModFile.Parse("go.mod", ModTestData.Read("real-world/etcd-io__etcd/go.mod"));
        Assert.Equal("go1.26.0", etcd.Toolchain!.Name);

        var ts = GoModFile.Parse("go.mod", ModTestData.Read("real-world/microsoft__typescript-go/go.mod"));
        Assert.NotEmpty(ts.Tool);
        Assert.Contains(ts.Ignore, i => i.Path == "./_extension");

        var compress = GoModFile.Parse("go.mod", ModTestData.Read("real-world/klauspost__compress/go.mod"));
        Assert.Equal(4, compress.Retract.Count);
        // Only a line's own comments (or its block's) are its rationale: the last two lines have none.
        Assert.Equal(
            ["https://github.com/klauspost/compress/issues/1114", "https://github.com/klauspost/compress/pull/503", "", ""],
            compress.Retract.Select(r => r.Rationale).ToArray());
        Assert.Equal("v1.18.1", compress.Retract[0].Low);

        var grafana = GoModFile.Parse("go.mod", ModTestData.Read("real-world/grafana__grafana/go.mod"));
        Assert.Equal(3, grafana.Exclude.Count);
        Assert.Equal(6, grafana.Replace.Count);
        Assert.Contains(grafana.Require, r => r.Indirect && r.Syntax!.Comments.Suffix[0].Token.StartsWith("// indirect;"));
    }
}
