using GoDocker.Core.Classification;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Tests.Classification;

/// <summary>
/// Every sample of real go / docker build output in TestData/go-errors (see its SOURCES.md) classified against a
/// go.mod and go.sum written for the test: the codes it yields, and where the first diagnostic points.
/// </summary>
public class GoErrorsCorpusTests
{
    public enum Where
    {
        Nowhere,
        Require,
        Sum,
        SumGoMod,
        GoLine,
        ToolchainLine,
    }

    // file → expected codes (in output order, after deduplication), the module the go.mod must require (with the
    // version go.sum must record, where the sample's failure is about one), and where the first diagnostic must point.
    public static TheoryData<string, string[], string?, Where> Samples => new()
    {
        { "checksum-mismatch-1.txt", ["GD6004"], "dev.gaijin.team/go/golib@v0.6.0", Where.Sum },
        { "checksum-mismatch-2.txt", ["GD6004"], "github.com/projectdiscovery/mapcidr@v0.0.5", Where.Sum },
        { "checksum-mismatch-3.txt", ["GD6004"], "github.com/google/gofuzz@v1.0.0", Where.SumGoMod },
        { "checksum-mismatch-4.txt", ["GD6004"], "github.com/codenotary/immudb@v1.9.3", Where.Sum },
        { "connection-refused-1.txt", ["GD3002"], "github.com/mattn/go-shellwords", Where.Require },
        { "dns-no-route-1.txt", ["GD3001"], "github.com/gorilla/websocket", Where.Require },
        { "dns-no-such-host-1.txt", ["GD3001"], "github.com/natefinch/lumberjack", Where.Require },
        { "dns-no-such-host-2.txt", ["GD3001"], "github.com/pingcap/parser", Where.Require },
        { "docker-failed-to-solve-1.txt", ["GD5004"], null, Where.Nowhere },
        { "docker-failed-to-solve-2.txt", ["GD5003"], null, Where.Nowhere },
        { "docker-failed-to-solve-3.txt", ["GD5003"], null, Where.Nowhere },
        { "gotoolchain-local-1.txt", ["GD6008"], null, Where.GoLine },
        { "gotoolchain-local-2.txt", ["GD6008"], null, Where.GoLine },
        { "gotoolchain-local-3.txt", ["GD6008"], null, Where.GoLine },
        { "invalid-go-version-format-1.txt", ["GD2008"], null, Where.GoLine },
        { "invalid-go-version-format-2.txt", ["GD2008"], "github.com/extism/go-pdk", Where.Require },
        { "invalid-version-major-1.txt", ["GD6007"], "github.com/go-git/go-git", Where.Require },
        { "invalid-version-major-2.txt", ["GD6007"], "github.com/mrlhansen/idrac_exporter", Where.Require },
        { "invalid-version-major-3.txt", ["GD6007"], "go.etcd.io/etcd", Where.Require },
        { "io-timeout-1.txt", ["GD3003"], "github.com/kr/text", Where.Require },
        { "io-timeout-2.txt", ["GD3003"], "github.com/Dreamacro/clash", Where.Require },
        { "malformed-module-path-1.txt", ["GD6009"], null, Where.Nowhere },
        { "malformed-module-path-2.txt", ["GD6009", "GD6009"], null, Where.Nowhere },
        { "missing-go-sum-entry-1.txt", ["GD2004"], "cloud.google.com/go/storage", Where.Require },
        { "missing-go-sum-entry-2.txt", ["GD2004"], "github.com/diamondburned/arikawa/v3", Where.Require },
        { "missing-go-sum-entry-3.txt", ["GD2004"], "golang.org/x/mod", Where.Require },
        { "no-matching-versions-1.txt", ["GD6010"], "github.com/coreos/go-systemd", Where.Require },
        { "no-matching-versions-2.txt", ["GD6010"], "github.com/hillu/go-yara", Where.Require },
        { "proxy-404-not-found-1.txt", ["GD6001"], "github.com/yurivict/ollama", Where.Require },
        { "proxy-410-gone-1.txt", ["GD6001"], "github.com/tsenart/vegeta", Where.Require },
        { "proxy-410-gone-2.txt", ["GD6001"], "sigs.k8s.io/kubebuilder", Where.Require },
        { "proxy-410-gone-3.txt", ["GD6001"], "sigs.k8s.io/kubebuilder", Where.Require },
        { "proxy-410-gone-4.txt", ["GD6001"], "github.com/belogik/goes", Where.Require },
        { "proxyconnect-1.txt", ["GD3005"], null, Where.Nowhere },
        { "proxyconnect-2.txt", ["GD3005"], null, Where.Nowhere },
        { "sumdb-404-not-found-1.txt", ["GD6002"], "github.com/caddyserver/certmagic", Where.Require },
        { "sumdb-404-not-found-2.txt", ["GD6002"], "github.com/cucumber/messages/go/v21", Where.Require },
        { "sumdb-404-not-found-3.txt", ["GD6002"], "github.com/elza2/go-cyclic", Where.Require },
        { "sumdb-410-gone-1.txt", ["GD6002"], "cloud.google.com/go", Where.Require },
        { "sumdb-410-gone-2.txt", ["GD6002"], "github.com/riferrei/srclient", Where.Require },
        { "sumdb-410-gone-3.txt", ["GD6002"], "github.com/mszostok/codeowners-validator", Where.Require },
        { "terminal-prompts-disabled-1.txt", ["GD6005"], "github.com/yuangwei/go-18next", Where.Require },
        { "terminal-prompts-disabled-2.txt", ["GD6005"], "github.com/prologic/smtpd", Where.Require },
        { "tls-handshake-timeout-1.txt", ["GD3009"], "github.com/sirupsen/logrus", Where.Require },
        { "tls-handshake-timeout-2.txt", ["GD3009"], "golang.org/x/time", Where.Require },
        { "tls-verify-failed-1.txt", ["GD4001"], "golang.org/x/tools", Where.Require },
        { "tls-verify-failed-2.txt", ["GD4001"], "github.com/mostafa/xk6-kafka", Where.Require },
        { "tls-verify-failed-3.txt", ["GD4001"], "pault.ag/go/pkcs7", Where.Require },
        { "unknown-directive-toolchain-1.txt", ["GD2007"], null, Where.ToolchainLine },
        { "unknown-directive-toolchain-2.txt", ["GD2007"], null, Where.ToolchainLine },
        { "unknown-revision-1.txt", ["GD6006"], "github.com/muesli/termenv", Where.Require },
        { "unknown-revision-2.txt", ["GD6006"], "github.com/tailscale/wireguard-go", Where.Require },
        { "unknown-revision-3.txt", ["GD6006"], "github.com/Bios-Marcel/wastebasket", Where.Require },
        { "unrecognized-import-path-404-1.txt", ["GD6011"], "sourcegraph.com/sourcegraph/appdash-data", Where.Require },
        { "x509-unknown-authority-1.txt", ["GD4001"], "github.com/natefinch/lumberjack", Where.Require },
        { "x509-unknown-authority-2.txt", ["GD4001"], "gopkg.in/yaml.v2", Where.Require },
        { "go111module-off-1.txt", ["GD1017"], null, Where.Nowhere },
        { "inconsistent-vendoring-1.txt", ["GD2042"], "github.com/shirou/gopsutil", Where.Require },
        { "network-unreachable-1.txt", ["GD3020"], "github.com/alecthomas/colour", Where.Require },
        { "proxy-403-policy-1.txt", ["GD3021"], "github.com/klauspost/compress", Where.Require },
        { "repository-not-found-1.txt", ["GD6025"], "github.com/mickep76/iodatafmt", Where.Require },
        { "repository-not-found-2.txt", ["GD6025"], "blockwatch.cc/tzwatch", Where.Require },
        { "toolchain-not-available-1.txt", ["GD6023"], null, Where.ToolchainLine },
        { "toolchain-not-available-2.txt", ["GD6023"], null, Where.ToolchainLine },
    };

    private static string SamplePath(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", "go-errors", file);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_is_classified_at_the_line_to_change(string file, string[] codes, string? module, Where where)
    {
        using var project = new TestProject(module);
        var diagnostics = GoOutputClassifier.Default.Classify(File.ReadAllText(SamplePath(file)), project.Positions());

        Assert.Equal(codes, diagnostics.Select(d => d.Code));
        var location = diagnostics[0].Location;
        switch (where)
        {
            case Where.Nowhere:
                Assert.Null(location);
                break;
            case Where.Require:
                AssertAt(location, project.GoMod, TestProject.RequireLine, 2);
                Assert.Equal(TestProject.RequireLine, location!.EndLine);
                Assert.True(location.EndColumn > location.Column + module!.Split('@')[0].Length, "the location spans the whole require line");
                break;
            case Where.Sum:
                AssertAt(location, project.GoSum, TestProject.SumLine, 1);
                break;
            case Where.SumGoMod:
                AssertAt(location, project.GoSum, TestProject.SumGoModLine, 1);
                break;
            case Where.GoLine:
                AssertAt(location, project.GoMod, TestProject.GoLine, 1);
                break;
            case Where.ToolchainLine:
                AssertAt(location, project.GoMod, TestProject.ToolchainLine, 1);
                break;
        }
    }

    [Fact]
    public void Table_covers_every_sample_in_the_corpus()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "go-errors"), "*.txt")
            .Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        var table = Samples.Select(row => row.Data.Item1).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(files, table);
        Assert.Equal(64, files.Length);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_is_recognized_without_a_project(string file, string[] codes, string? module, Where where)
    {
        _ = module;
        _ = where;
        var diagnostics = GoOutputClassifier.Default.Classify(File.ReadAllText(SamplePath(file)));
        Assert.Equal(codes, diagnostics.Select(d => d.Code));
        Assert.All(diagnostics, d => Assert.Null(d.Location));
    }

    private static void AssertAt(SourceLocation? location, string file, int line, int column)
    {
        Assert.NotNull(location);
        Assert.Equal(file, location.File);
        Assert.Equal(line, location.Line);
        Assert.Equal(column, location.Column);
    }
}
