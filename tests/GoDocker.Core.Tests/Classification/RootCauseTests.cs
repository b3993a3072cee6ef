using GoDocker.Core.Classification;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Tests.Classification;

/// <summary>
/// Issue 13 item 8: the root cause wins over the loudest words, and a module fetched through a replace points at the
/// replace line. Outputs marked go1.19.8 were printed by the go command on this machine for the go.mod shown
/// (GOPROXY a file:// folder or 127.0.0.1:9); the others follow the go command's sources, as cited.
/// </summary>
public class RootCauseTests
{
    private const string GoMod = "module example.com/app\n\ngo 1.19\n\nrequire (\n\texample.com/filler v1.0.0\n\texample.com/lib v1.2.0\n)\n\nreplace example.com/lib => {0}\n";
    private const int ReplaceLine = 10;

    [Fact]
    public void A_replace_directory_missing_in_the_build_is_reported_at_the_replace_line()
    {
        // go1.19.8, replace example.com/lib => ./third_party/lib/ with no such directory.
        using var project = new GoModFolder(string.Format(System.Globalization.CultureInfo.InvariantCulture, GoMod, "./third_party/lib/"));
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(
            "go: example.com/lib@v1.2.0 (replaced by ./third_party/lib/): reading third_party/lib/go.mod: open /tmp/cl/r/third_party/lib/go.mod: no such file or directory",
            project.Positions()));
        Assert.Equal("GD2043", diagnostic.Code);
        Assert.Equal(ReplaceLine, diagnostic.Location?.Line);
        Assert.Contains("example.com/lib is replaced by the directory ./third_party/lib/", diagnostic.Message);
    }

    [Theory]
    // go1.19.8, replace example.com/lib => example.com/fork v1.2.1, through a proxy that refuses and one that lacks it.
    [InlineData("go: example.com/lib@v1.2.0 (replaced by example.com/fork@v1.2.1): Get \"http://127.0.0.1:9/example.com/fork/@v/v1.2.1.mod\": dial tcp 127.0.0.1:9: connect: connection refused", "GD3002")]
    [InlineData("go: example.com/lib@v1.2.0 (replaced by example.com/fork@v1.2.1): reading https://proxy.example.corp/example.com/fork/@v/v1.2.1.mod: 404 Not Found\n\tserver response: not found", "GD6001")]
    public void A_module_fetched_through_a_replace_points_at_the_replace_line(string output, string code)
    {
        using var project = new GoModFolder(string.Format(System.Globalization.CultureInfo.InvariantCulture, GoMod, "example.com/fork v1.2.1"));
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(output, project.Positions()));
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(ReplaceLine, diagnostic.Location?.Line);
    }

    [Fact]
    public void Verifying_names_the_module_when_the_checksum_url_is_a_tile()
    {
        using var project = new TestProject("golang.org/x/text@v0.3.7");
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(
            "verifying golang.org/x/text@v0.3.7/go.mod: golang.org/x/text@v0.3.7/go.mod: reading https://sum.golang.org/tile/8/1/236: 404 Not Found\n\tserver response: not found",
            project.Positions()));
        Assert.Equal("GD6002", diagnostic.Code);
        Assert.Contains("golang.org/x/text", diagnostic.Message);
        Assert.Equal(TestProject.RequireLine, diagnostic.Location?.Line);
    }

    [Theory]
    // A network cause inside a louder "invalid version" (modfetch wraps the fetch error).
    [InlineData("go: example.com/m@v1.0.0: invalid version: Get \"https://proxy.example.corp/example.com/m/@v/v1.0.0.info\": dial tcp 10.1.2.3:443: i/o timeout", "GD3003")]
    [InlineData("go: example.com/m@v1.0.0: Get \"https://proxy.example.corp/example.com/m/@v/v1.0.0.mod\": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)", "GD3003")]
    [InlineData("go: example.com/m@v1.0.0: Get \"https://proxy.example.corp/example.com/m/@v/v1.0.0.mod\": dial tcp 10.1.2.3:443: connect: no route to host", "GD3020")]
    // A bare i/o timeout under the legacy builder is the network, not "docker build failed".
    [InlineData("Step 7/10 : RUN go mod download\n ---> Running in 25f0067cd096\ngo: example.com/m@v1.0.0: Get \"https://proxy.example.corp/example.com/m/@v/v1.0.0.mod\": dial tcp: i/o timeout\nThe command '/bin/sh -c go mod download' returned a non-zero code: 1", "GD3003")]
    [InlineData("go: example.com/m@v1.0.0: Get \"https://proxy.example.corp/example.com/m/@v/v1.0.0.zip\": read tcp 172.17.0.2:35956->10.1.2.3:443: i/o timeout", "GD3003")]
    [InlineData("go: example.com/m@v1.0.0: Get \"https://proxy.example.corp/example.com/m/@v/v1.0.0.mod\": read tcp 172.17.0.2:35956->10.1.2.3:443: read: connection reset by peer", "GD3004")]
    // GitHub's answer for a deleted repository also carries the credentials rule's phrase.
    [InlineData("go: example.com/m@v1.0.0: invalid version: git ls-remote -q origin in /go/pkg/mod/cache/vcs/0a: exit status 128:\n\tERROR: Repository not found.\n\tfatal: Could not read from remote repository.", "GD6025")]
    public void The_root_cause_wins_over_the_loudest_words(string output, string code)
    {
        using var project = new TestProject("example.com/m");
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(output, project.Positions()));
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(TestProject.RequireLine, diagnostic.Location?.Line);
    }

    [Theory]
    // io-timeout-1.txt and a reset, as a terminal or CI log wraps them onto space-indented lines.
    [InlineData("go: github.com/kr/text@v0.2.0/go.mod: verifying module: github.com/kr/text@v0.2.0/go.mod: Get \"https://sum.golang.org/lookup/github.com/kr/text@v0.2.0\": dial tcp\n    172.217.160.81:443: i/o timeout", "github.com/kr/text", "GD3003")]
    [InlineData("#7 3.210 go: github.com/kr/text@v0.2.0: Get \"https://proxy.golang.org/github.com/kr/text/@v/v0.2.0.mod\": read tcp 172.17.0.2:35956->142.251.42.251:443: read: connection reset by\n#7 3.210    peer", "github.com/kr/text", "GD3004")]
    public void A_message_wrapped_over_space_indented_lines_is_read_whole(string output, string module, string code)
    {
        using var project = new TestProject(module);
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(output, project.Positions()));
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(TestProject.RequireLine, diagnostic.Location?.Line);
    }

    [Fact]
    public void An_ipv6_address_without_a_route_is_explained()
    {
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(
            "go: example.com/m@v1.0.0: Get \"https://proxy.golang.org/example.com/m/@v/v1.0.0.mod\": dial tcp [2a00:1450:4003:801::2011]:443: connect: cannot assign requested address"));
        Assert.Equal("GD3020", diagnostic.Code);
        Assert.Contains("proxy.golang.org ([2a00:1450:4003:801::2011]:443)", diagnostic.Message);
        Assert.Contains("no IPv6 address", diagnostic.Message);
    }

    [Theory]
    // go1.19.8 with GOPROXY=',', GO111MODULE=off, GOFLAGS=-modx, GO111MODULE=bogus, and GOFLAGS=-mod=bogus (go list -m).
    [InlineData("go: example.com/filler@v1.0.0: GOPROXY list is not the empty string, but contains no entries", "GD1016")]
    [InlineData("go: modules disabled by GO111MODULE=off; see 'go help modules'", "GD1017")]
    [InlineData("go: parsing $GOFLAGS: unknown flag -modx", "GD1017")]
    [InlineData("go: unknown environment setting GO111MODULE=bogus", "GD1017")]
    [InlineData("-mod=bogus not supported (can be '', 'mod', 'readonly', or 'vendor')", "GD1017")]
    // cmd/go/internal/auth (Go 1.24+), as its script test goauth_git.txt expects it.
    [InlineData("go: GOAUTH=git dir method requires an absolute path to the git working directory", "GD1017")]
    public void Settings_the_go_command_rejects_are_settings_problems(string output, string code)
    {
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(output));
        Assert.Equal(code, diagnostic.Code);
    }

    [Theory]
    [InlineData("https://proxy.golang.org", "", "GD3021")]
    [InlineData("https://goproxy.example.corp", "\n\tserver response: Access blocked by your organization's policy", "GD3021")]
    [InlineData("https://goproxy.example.corp", "", "GD3007")]
    public void A_403_is_a_network_policy_unless_a_private_proxy_says_nothing_more(string proxy, string response, string code)
    {
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(
            $"go: example.com/m@v1.0.0: reading {proxy}/example.com/m/@v/v1.0.0.zip: 403 Forbidden{response}"));
        Assert.Equal(code, diagnostic.Code);
    }

    [Theory]
    [InlineData("Step 1/8 : FROM golang:1.99\nGet \"https://registry-1.docker.io/v2/library/golang/manifests/1.99\": dial tcp 10.1.2.3:443: i/o timeout", "golang:1.99")]
    [InlineData("Step 1/8 : FROM golang:1.99\nmanifest for golang:1.99 not found: manifest unknown: manifest unknown", "golang:1.99")]
    [InlineData("STEP 1/5: FROM golang:1.99\nError: creating build container: initializing source docker://golang:1.99: reading manifest 1.99 in docker.io/library/golang: manifest unknown", "golang:1.99")]
    public void A_base_image_pull_failure_is_GD5003_in_every_engine_s_words(string output, string image)
    {
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(output));
        Assert.Equal("GD5003", diagnostic.Code);
        Assert.Contains(image, diagnostic.Message);
    }

    [Fact]
    public void Inconsistent_vendoring_behind_buildkit_prefixes_points_at_the_first_module()
    {
        using var project = new TestProject("github.com/fsnotify/fsnotify");
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(
            "#14 0.990 go: inconsistent vendoring in /src:\n#14 0.990 \tgithub.com/fsnotify/fsnotify@v1.4.9: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt\n#14 0.990 \n#14 0.990 run 'go mod vendor' to sync, or use -mod=mod or -mod=readonly to ignore the vendor directory",
            project.Positions()));
        Assert.Equal("GD2042", diagnostic.Code);
        Assert.Equal(TestProject.RequireLine, diagnostic.Location?.Line);
    }

    /// <summary>A folder with just a go.mod, for replace lines TestProject does not write.</summary>
    private sealed class GoModFolder : IDisposable
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "godocker-rootcause-" + Guid.NewGuid().ToString("N"));

        public GoModFolder(string goMod)
        {
            Directory.CreateDirectory(_directory);
            File.WriteAllText(Path.Combine(_directory, "go.mod"), goMod);
        }

        public IDiagnosticPositions Positions() => ProjectDiagnosticPositions.Load(Path.Combine(_directory, "go.mod"));

        public void Dispose() => Directory.Delete(_directory, recursive: true);
    }
}
