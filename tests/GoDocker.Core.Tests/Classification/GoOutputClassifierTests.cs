using GoDocker.Core.Classification;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Tests.Classification;

public class GoOutputClassifierTests
{
    private static IReadOnlyList<Diagnostic> Classify(string text, IDiagnosticPositions? positions = null) =>
        GoOutputClassifier.Default.Classify(text, positions);

    [Fact]
    public void Unrecognized_output_is_one_GD6999_with_the_last_meaningful_lines()
    {
        var lines = Enumerable.Range(1, 30).Select(i => $"#7 1.{i:000} line {i}").Append("").Append("\u001b[1mthe end\u001b[0m");
        var diagnostic = Assert.Single(Classify(string.Join("\n", lines)));
        Assert.Equal("GD6999", diagnostic.Code);
        var tail = diagnostic.Message[(diagnostic.Message.IndexOf('\n') + 1)..].Split('\n');
        Assert.Equal(GoOutputClassifier.UnclassifiedContextLines, tail.Length);
        Assert.Equal("  line 22", tail[0]);
        Assert.Equal("  the end", tail[^1]);
    }

    [Fact]
    public void Empty_output_still_says_something()
    {
        var diagnostic = Assert.Single(Classify(""));
        Assert.Equal("GD6999", diagnostic.Code);
        Assert.Contains("(the output was empty)", diagnostic.Message);
    }

    [Fact]
    public void Repeated_failures_of_one_cause_are_one_diagnostic_per_module_or_host()
    {
        var text = string.Join("\n",
            "go: a.example/one@v1.0.0: Get \"https://proxy.example/a.example/one/@v/v1.0.0.mod\": dial tcp: lookup proxy.example: no such host",
            "go: a.example/two@v1.0.0: Get \"https://proxy.example/a.example/two/@v/v1.0.0.mod\": dial tcp: lookup proxy.example: no such host",
            "go: b.example/x@v1.0.0: reading https://p.example/b.example/x/@v/v1.0.0.info: 404 Not Found",
            "go: b.example/x@v1.0.0: reading https://p.example/b.example/x/@v/v1.0.0.info: 404 Not Found",
            "go: c.example/y@v1.0.0: reading https://p.example/c.example/y/@v/v1.0.0.info: 410 Gone");
        var diagnostics = Classify(text);
        Assert.Equal(["GD3001", "GD6001", "GD6001"], diagnostics.Select(d => d.Code));
        Assert.StartsWith("b.example/x@v1.0.0", diagnostics[1].Message);
        Assert.StartsWith("c.example/y@v1.0.0", diagnostics[2].Message);
    }

    [Fact]
    public void Proxyconnect_wins_over_the_dns_error_inside_it()
    {
        var diagnostic = Assert.Single(Classify("go: x.example/m@v1.0.0: Get \"https://proxy.golang.org/x.example/m/@v/v1.0.0.mod\": proxyconnect tcp: dial tcp: lookup squid.corp.invalid: no such host"));
        Assert.Equal("GD3005", diagnostic.Code);
        Assert.StartsWith("The HTTP proxy squid.corp.invalid failed", diagnostic.Message);
        Assert.Null(diagnostic.Location);
    }

    [Theory]
    [InlineData("https://proxy.example/github.com/%21azure/azure-sdk-for-go/@v/v1.0.0.mod")]
    [InlineData("https://proxy.example/github.com/!azure/azure-sdk-for-go/@v/v1.0.0.mod")]
    [InlineData("https://artifactory.example/api/go/golang-remote/github.com/!azure/azure-sdk-for-go/@v/v1.0.0.mod")]
    public void Case_escaped_module_paths_in_urls_point_at_the_require_line(string url)
    {
        var positions = new RecordingPositions("github.com/Azure/azure-sdk-for-go");
        var diagnostic = Assert.Single(Classify($"go: reading {url}: 404 Not Found", positions));
        Assert.Equal("GD6001", diagnostic.Code);
        Assert.StartsWith("github.com/Azure/azure-sdk-for-go@v1.0.0: the module proxy https://", diagnostic.Message);
        Assert.Equal(RecordingPositions.RequireLine, diagnostic.Location?.Line);
    }

    [Fact]
    public void Proxy_base_path_is_kept_in_the_message()
    {
        var diagnostic = Assert.Single(Classify("go: reading https://artifactory.example/api/go/remote/example.com/m/@v/v1.2.3.info: 404 Not Found"));
        Assert.Contains("the module proxy https://artifactory.example/api/go/remote answered 404 Not Found", diagnostic.Message);
    }

    [Theory]
    [InlineData("x509: certificate has expired or is not yet valid: current time 2026-11-23T10:00:00Z is after 2025-01-01T00:00:00Z", "GD4002", "2025-01-01 00:00:00Z")]
    [InlineData("x509: certificate has expired or is not yet valid: current time 2026-11-23T10:00:00Z is before 2027-01-01T00:00:00Z", "GD4003", "2027-01-01 00:00:00Z")]
    [InlineData("x509: certificate is valid for other.example, www.other.example, not proxy.example", "GD4004", "valid for other.example, www.other.example, not for 'proxy.example'")]
    [InlineData("x509: certificate signed by unknown authority (possibly because of \"crypto/rsa: verification error\" while trying to verify candidate authority certificate \"Corp Root CA\")", "GD4001", "issued by 'Corp Root CA'")]
    [InlineData("remote error: tls: handshake failure", "GD4010", "tls: handshake failure")]
    public void Certificate_failures_are_told_apart(string error, string code, string detail)
    {
        var diagnostic = Assert.Single(Classify($"go: m.example/a@v1.0.0: Get \"https://proxy.example/m.example/a/@v/v1.0.0.mod\": tls: failed to verify certificate: {error}".Replace("tls: failed to verify certificate: remote", "remote", StringComparison.Ordinal)));
        Assert.Equal(code, diagnostic.Code);
        Assert.Contains(detail, diagnostic.Message);
    }

    [Theory]
    [InlineData("401 Unauthorized", "GD3007")]
    [InlineData("403 Forbidden", "GD3007")]
    [InlineData("500 Internal Server Error", "GD3006")]
    [InlineData("502 Bad Gateway", "GD3006")]
    public void Other_proxy_answers_are_credentials_or_proxy_errors(string status, string code)
    {
        var diagnostic = Assert.Single(Classify($"go: m.example/a@v1.0.0: reading https://proxy.example/m.example/a/@v/v1.0.0.info: {status}"));
        Assert.Equal(code, diagnostic.Code);
        Assert.Contains(status, diagnostic.Message);
    }

    [Fact]
    public void Checksum_database_server_error_is_GD3008()
    {
        var diagnostic = Assert.Single(Classify("go: m.example/a@v1.0.0: verifying module: m.example/a@v1.0.0: reading https://sum.golang.org/lookup/m.example/a@v1.0.0: 500 Internal Server Error"));
        Assert.Equal("GD3008", diagnostic.Code);
    }

    [Fact]
    public void Network_failures_point_at_the_endpoint_setting_when_the_project_sets_it()
    {
        var positions = new RecordingPositions("m.example/a", properties: ["GoProxy"]);
        var diagnostic = Assert.Single(Classify("go: m.example/a@v1.0.0: Get \"https://proxy.example/m.example/a/@v/v1.0.0.mod\": dial tcp 127.0.0.1:9: connect: connection refused", positions));
        Assert.Equal("GD3002", diagnostic.Code);
        Assert.Equal(RecordingPositions.PropertyLine, diagnostic.Location?.Line);
        Assert.Equal("proj.goproj", diagnostic.Location?.File);
    }

    [Fact]
    public void A_dependency_needing_newer_go_points_at_its_require_line()
    {
        var positions = new RecordingPositions("example.com/dep");
        var diagnostic = Assert.Single(Classify("go: module example.com/dep@v1.3.0 requires go >= 1.23 (running go 1.22.1; GOTOOLCHAIN=local)", positions));
        Assert.Equal("GD6008", diagnostic.Code);
        Assert.StartsWith("example.com/dep@v1.3.0 requires go >= 1.23", diagnostic.Message);
        Assert.Equal(RecordingPositions.RequireLine, diagnostic.Location?.Line);
    }

    /// <summary>Answers for one required module and a set of project properties; nothing else is in the project.</summary>
    private sealed class RecordingPositions(string requiredModule, string[]? properties = null) : IDiagnosticPositions
    {
        public const int RequireLine = 7;
        public const int PropertyLine = 4;

        public SourceLocation? Require(string modulePath) =>
            modulePath == requiredModule ? new SourceLocation("go.mod", RequireLine, 2) : null;

        public SourceLocation? Replace(string modulePath) => null;

        public SourceLocation? Sum(string modulePath, string version, bool goMod) => null;

        public SourceLocation? Property(string name) =>
            properties?.Contains(name) == true ? new SourceLocation("proj.goproj", PropertyLine, 5) : null;

        public SourceLocation? ProjectFile() => null;

        public SourceLocation? Directive(string keyword) => null;

        public SourceLocation? GoModLine(int line) => null;
    }
}

public class GoOutputClassifierScaleTests
{
    [Fact]
    public void A_huge_log_with_thousands_of_repeats_is_classified_quickly_into_one_diagnostic()
    {
        var lines = new List<string>();
        for (var i = 0; i < 20_000; i++)
        {
            lines.Add($"#9 {i / 100.0:0.000} go: downloading example.com/m{i} v1.0.{i}");
        }
        for (var i = 0; i < 5_000; i++)
        {
            lines.Add($"#9 9.000 go: example.com/m{i}@v1.0.{i}: Get \"https://proxy.example/example.com/m{i}/@v/v1.0.{i}.zip\": dial tcp: lookup proxy.example on 127.0.0.11:53: no such host");
        }
        lines.Add("=> " + new string('x', 20_000) + " ERROR");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var diagnostics = GoOutputClassifier.Default.Classify(string.Join("\n", lines));
        watch.Stop();
        Assert.Equal(["GD3001"], diagnostics.Select(d => d.Code));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Ci_timestamps_on_every_line_do_not_split_a_message()
    {
        var log = """
            2024-05-06T17:31:07.1234567Z verifying example.com/lib@v1.0.0: checksum mismatch
            2024-05-06T17:31:07.1234567Z 	downloaded: h1:vDKk=
            2024-05-06T17:31:07.1234567Z 	go.sum:     h1:AAAA=
            2024-05-06T17:31:07.1234567Z ##[error]Process completed with exit code 1.
            """;
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(log));
        Assert.Equal("GD6003", diagnostic.Code);
    }
}

public class GoModuleGraphFailureTests
{
    [Fact]
    public void A_fork_required_under_its_own_path_points_at_its_require_line()
    {
        using var project = new TestProject("github.com/myfork/yaml@v1.2.0");
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(
            "go: github.com/myfork/yaml@v1.2.0: parsing go.mod:\n\tmodule declares its path as: gopkg.in/yaml.v3\n\t        but was required as: github.com/myfork/yaml\n",
            project.Positions()));
        Assert.Equal("GD6020", diagnostic.Code);
        Assert.Contains("Require gopkg.in/yaml.v3 instead (with 'replace gopkg.in/yaml.v3 => github.com/myfork/yaml v1.2.0'", diagnostic.Message);
        Assert.Equal(TestProject.RequireLine, diagnostic.Location?.Line);
    }

    [Fact]
    public void Updates_to_go_mod_needed_points_at_the_module_line()
    {
        using var project = new TestProject(null);
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify("go: updates to go.mod needed, disabled by -mod=readonly; to update it:\n\tgo mod tidy\n", project.Positions()));
        Assert.Equal("GD6021", diagnostic.Code);
        Assert.Contains("(updates to go.mod needed, disabled by -mod=readonly)", diagnostic.Message);
        Assert.Equal(1, diagnostic.Location?.Line);
    }

    [Fact]
    public void Package_missing_from_its_module_points_at_the_module()
    {
        using var project = new TestProject("github.com/go-chi/chi");
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(
            "main.go:5:2: module github.com/go-chi/chi@latest found (v1.5.5), but does not contain package github.com/go-chi/chi/v5/middleware\n", project.Positions()));
        Assert.Equal("GD6022", diagnostic.Code);
        Assert.StartsWith("Module github.com/go-chi/chi (latest, found v1.5.5) does not contain package github.com/go-chi/chi/v5/middleware", diagnostic.Message);
        Assert.Equal(TestProject.RequireLine, diagnostic.Location?.Line);
    }

    [Fact]
    public void Goproxy_off_is_GD1011()
    {
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify("go: golang.org/x/text@v0.14.0: module lookup disabled by GOPROXY=off\n"));
        Assert.Equal("GD1011", diagnostic.Code);
        Assert.StartsWith("GOPROXY is 'off' for module golang.org/x/text,", diagnostic.Message);
    }
}

public class ToolchainDownloadTests
{
    [Fact]
    public void Toolchain_not_available_points_at_the_toolchain_line()
    {
        using var project = new TestProject(null);
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify("go: downloading go1.22.4 (linux/amd64)\ngo: download go1.22.4 for linux/amd64: toolchain not available\n", project.Positions()));
        Assert.Equal("GD6023", diagnostic.Code);
        Assert.StartsWith("The go command could not download the Go toolchain go1.22.4 that go.mod asks for (the module proxy does not have it for this platform). Use a base image with Go 1.22.4 or later", diagnostic.Message);
        Assert.Equal(TestProject.ToolchainLine, diagnostic.Location?.Line);
    }

    [Fact]
    public void A_network_failure_while_switching_toolchains_is_one_toolchain_diagnostic()
    {
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(
            "go: download go1.23.1: golang.org/toolchain@v0.0.1-go1.23.1.linux-amd64: Get \"https://proxy.golang.org/golang.org/toolchain/@v/v0.0.1-go1.23.1.linux-amd64.zip\": dial tcp: lookup proxy.golang.org: no such host\n"));
        Assert.Equal("GD6023", diagnostic.Code);
        Assert.Contains("(Get \"https://proxy.golang.org/golang.org/toolchain/@v/v0.0.1-go1.23.1.linux-amd64.zip\": dial tcp: lookup proxy.golang.org: no such host)", diagnostic.Message);
    }
}

public class RepositoryNotFoundTests
{
    [Fact]
    public void Git_repository_not_found_is_about_the_module_not_an_image()
    {
        var output = """
            go: example.com/private/lib@v1.2.0: invalid version: git ls-remote -q origin in /go/pkg/mod/cache/vcs/0a06: exit status 128:
            	remote: Repository not found.
            	fatal: repository 'https://git.example.com/private/lib/' not found
            """;
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(output));
        Assert.Equal("GD6025", diagnostic.Code);
        Assert.StartsWith("The repository of example.com/private/lib does not exist for the build (remote: Repository not found.)", diagnostic.Message);
    }
}
