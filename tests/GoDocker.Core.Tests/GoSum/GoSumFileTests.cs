using GoDocker.Core.Diagnostics;
using GoDocker.Core.GoSum;
using GoDocker.Core.Tests.GoMod;

namespace GoDocker.Core.Tests.GoSum;

public sealed class GoSumFileTests
{
    // Counted independently: non-blank lines (grep -c .) and distinct first fields (awk | sort -u | wc -l).
    public static TheoryData<string, int, int> Files() => new()
    {
        { "golang__mod/go.sum", 2, 1 },
        { "golang__tools/gopls/go.sum", 132, 35 },
        { "golang__website/go.sum", 234, 86 },
        { "goproxy__goproxy/go.sum", 59, 30 },
        { "kubernetes__kubernetes/go.sum", 991, 449 },
        { "microsoft__typescript-go/go.sum", 34, 17 },
        { "spf13__cobra/go.sum", 12, 6 },
    };

    [Fact]
    public void Every_go_sum_in_the_corpus_is_listed()
    {
        var onDisk = Directory.GetFiles(ModTestData.RealWorld, "go.sum", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(ModTestData.RealWorld, p).Replace('\\', '/')).Order().ToList();
        Assert.Equal(onDisk, Files().Select(r => (string)r.Data.Item1).Order().ToList());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Real_go_sum_files_parse(string relative, int lines, int modules)
    {
        var f = GoSumFile.Parse(relative, File.ReadAllBytes(Path.Combine(ModTestData.RealWorld, relative)));
        Assert.Equal(lines, f.Lines.Count);
        Assert.Equal(modules, f.ModuleCount);
        Assert.All(f.Lines, l => Assert.StartsWith("h1:", l.Hash));
    }

    [Fact]
    public void Lines_are_found_by_module_version_and_kind_with_positions()
    {
        var f = GoSumFile.Parse("go.sum",
            "github.com/Azure/go-autorest v14.2.0+incompatible h1:V5VMDjClD3GiElqLWO7mz2MxNAK/vTfRHdAubSIPRgs=\n" +
            "github.com/Azure/go-autorest v14.2.0+incompatible/go.mod h1:r+4oMnoxhatjLLJ6zxSWATqVooLgysK6ZNox3g/xq24=\n");
        var zip = f.Find("github.com/Azure/go-autorest", "v14.2.0+incompatible", isGoMod: false)!;
        Assert.Equal(1, zip.Line);
        Assert.False(zip.IsGoMod);
        var mod = f.Find("github.com/Azure/go-autorest", "v14.2.0+incompatible", isGoMod: true)!;
        Assert.Equal(2, mod.Line);
        Assert.Equal("v14.2.0+incompatible", mod.ModuleVersion);
        Assert.Equal(new SourceLocation("go.sum", 2, 1, 2, 105), mod.Location("go.sum"));
        Assert.Equal(30, mod.VersionSpan.Start.LineRune);

        // Paths escaped as the proxy protocol and go's messages write them still find the line.
        Assert.Same(zip, f.Find("github.com/!azure/go-autorest", "v14.2.0+incompatible", false));
        Assert.Same(zip, f.Find("github.com/%21azure/go-autorest", "v14.2.0+incompatible", false));
        Assert.Null(f.Find("github.com/azure/go-autorest", "v14.2.0+incompatible", false));
        Assert.Null(f.Find("github.com/Azure/go-autorest", "v14.2.1", false));
    }

    [Fact]
    public void Malformed_lines_use_the_go_command_wording()
    {
        var data = "a.b/c v1.0.0 h1:x=\n\nbroken line\na.b/c v1.0.0/go.mod h1:y= extra\n";
        var e = Assert.Throws<GoSumParseException>(() => GoSumFile.Parse("/src/go.sum", data));
        Assert.Equal("malformed go.sum:\n/src/go.sum:3: wrong number of fields 2", e.Errors[0].Message);
        Assert.Equal(4, e.Errors[1].Line);
        Assert.Equal(4, e.Errors[1].FieldCount);
        var d = e.ToDiagnostics()[0];
        Assert.Equal("GD2002", d.Code);
        Assert.Equal(new SourceLocation("/src/go.sum", 3, 1), d.Location);

        var lenient = GoSumFile.ParseLenient("go.sum", data);
        Assert.Single(lenient.Lines);
        Assert.Equal(2, lenient.Errors.Count);
    }

    [Fact]
    public void Old_empty_go_mod_hash_lines_are_dropped_and_crlf_is_accepted()
    {
        var f = GoSumFile.Parse("go.sum", $"x.y/z v1.0.0/go.mod {GoSumFile.EmptyGoModHash}\r\nx.y/z v1.0.0 h1:abc=\r\n");
        Assert.Single(f.Lines);
        Assert.Equal("h1:abc=", f.Hashes("x.y/z", "v1.0.0").Single());
        Assert.Empty(f.Hashes("x.y/z", "v1.0.0/go.mod"));
    }
}
