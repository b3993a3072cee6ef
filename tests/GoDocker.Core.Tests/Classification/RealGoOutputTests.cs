using GoDocker.Core.Classification;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Tests.Classification;

/// <summary>
/// Output captured from the real Go 1.19 on this machine (go mod download / go build against a module proxy on
/// 127.0.0.1 that serves example.com/lib v1.0.0 and answers 404 to everything else), classified against a go.mod
/// requiring example.com/lib on line 9 and a go.sum summing it on lines 2 (zip) and 3 (go.mod).
/// </summary>
public class RealGoOutputTests
{
    public static TheoryData<string, string, string, int, string> Captured => new()
    {
        {
            "proxy 404 for a version",
            "go: example.com/lib@v1.0.0: reading http://127.0.0.1:18931/example.com/lib/@v/v1.0.0.mod: 404 Not Found\n",
            "GD6001", TestProject.RequireLine, "go.mod"
        },
        {
            "proxy 404 for a query",
            "go: example.com/lib@latest: module example.com/lib: reading http://127.0.0.1:18931/example.com/lib/@v/list: 404 Not Found\n",
            "GD6001", TestProject.RequireLine, "go.mod"
        },
        {
            "go.sum mismatch of the zip",
            """
            verifying example.com/lib@v1.0.0: checksum mismatch
            	downloaded: h1:vDKkTtrKgUfmXXWqh92O3Coxdqx6G4BCL1Ptfc45zyc=
            	go.sum:     h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=

            SECURITY ERROR
            This download does NOT match an earlier download recorded in go.sum.
            The bits may have been replaced on the origin server, or an attacker may
            have intercepted the download attempt.

            For more information, see 'go help module-auth'.

            """,
            "GD6003", TestProject.SumLine, "go.sum"
        },
        {
            "go.sum mismatch of the go.mod",
            """
            verifying example.com/lib@v1.0.0/go.mod: checksum mismatch
            	downloaded: h1:HwqbfeMRqJtcNhqUwzjhPwsEB0Cr5U3U5sCLg7xgNyo=
            	go.sum:     h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=

            SECURITY ERROR
            This download does NOT match an earlier download recorded in go.sum.

            """,
            "GD6003", TestProject.SumGoModLine, "go.sum"
        },
        {
            "checksum database 404 through the proxy",
            "go: example.com/lib@v1.0.0: verifying go.mod: example.com/lib@v1.0.0/go.mod: reading http://127.0.0.1:18931/sumdb/sum.golang.org/lookup/example.com/lib@v1.0.0: 404 Not Found\n",
            "GD6002", TestProject.RequireLine, "go.mod"
        },
        {
            "connection refused",
            "go: example.com/lib@v1.0.0: Get \"http://127.0.0.1:1/example.com/lib/@v/v1.0.0.mod\": dial tcp 127.0.0.1:1: connect: connection refused\n",
            "GD3002", TestProject.RequireLine, "go.mod"
        },
        {
            "https URL for a plain-HTTP proxy",
            "go: example.com/lib@v1.0.0: Get \"https://127.0.0.1:18931/example.com/lib/@v/v1.0.0.zip\": tls: first record does not look like a TLS handshake\n",
            "GD4010", TestProject.RequireLine, "go.mod"
        },
        {
            "missing go.sum entry for a package",
            "main.go:3:8: missing go.sum entry for module providing package example.com/lib (imported by example.com/app); to add:\n\tgo get example.com/app\n",
            "GD2004", TestProject.RequireLine, "go.mod"
        },
        {
            "toolchain line read by Go 1.19",
            "go: errors parsing go.mod:\n/tmp/cls-go/e/go.mod:5: unknown directive: toolchain\n",
            "GD2007", TestProject.ToolchainLine, "go.mod"
        },
        {
            "three-part go version read by Go 1.19",
            "go: errors parsing go.mod:\n/tmp/cls-go/f/go.mod:3: invalid go version '1.21.0': must match format 1.23\n",
            "GD2008", TestProject.GoLine, "go.mod"
        },
    };

    [Theory]
    [MemberData(nameof(Captured))]
    public void Go_1_19_output_points_at_the_line_to_change(string name, string output, string code, int line, string file)
    {
        _ = name;
        using var project = new TestProject("example.com/lib@v1.0.0");
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(output, project.Positions()));
        Assert.Equal(code, diagnostic.Code);
        Assert.NotNull(diagnostic.Location);
        Assert.Equal(Path.Combine(project.Directory, file), diagnostic.Location.File);
        Assert.Equal(line, diagnostic.Location.Line);
    }

    [Fact]
    public void Go_sum_mismatch_names_both_hashes()
    {
        var output = "verifying example.com/lib@v1.0.0: checksum mismatch\n\tdownloaded: h1:vDKk=\n\tgo.sum:     h1:AAAA=\n";
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(output));
        Assert.Equal(DiagnosticCatalog.ChecksumMismatch, diagnostic.Descriptor);
        Assert.Contains("has hash h1:vDKk= but go.sum records h1:AAAA=", diagnostic.Message);
    }

    [Fact]
    public void Checksum_database_mismatch_names_the_database()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "go-errors", "checksum-mismatch-1.txt"));
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(text));
        Assert.Contains("the download has hash h1:N7CPJH6XxZY1Od6Fmdiv/h5r9ZvNxkcq/EANj7ibnyU= but the checksum database sum.golang.org records h1:v6nnznFTs4bppib/NyU1PQxobwDHwCXXl15P7DV5Zgo=", diagnostic.Message);
    }
}

public class GoModDownloadJsonTests
{
    [Fact]
    public void Json_error_of_go_mod_download_is_read_as_go_prints_errors()
    {
        // Go 1.19 'go mod download -json example.com/lib@v1.0.0' with GOPROXY=http://127.0.0.1:1, captured here.
        var output = """
            {
            	"Path": "example.com/lib",
            	"Version": "v1.0.0",
            	"Error": "example.com/lib@v1.0.0: Get \"http://127.0.0.1:1/example.com/lib/@v/v1.0.0.info\": dial tcp 127.0.0.1:1: connect: connection refused"
            }
            """;
        using var project = new TestProject("example.com/lib@v1.0.0");
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(output, project.Positions()));
        Assert.Equal("GD3002", diagnostic.Code);
        Assert.StartsWith("Connection to 127.0.0.1 (127.0.0.1:1) for example.com/lib@v1.0.0 was refused", diagnostic.Message);
        Assert.Equal(TestProject.RequireLine, diagnostic.Location?.Line);
    }
}
