using System.Collections.Immutable;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Tests.Projects;

/// <summary>
/// GoEnvironmentVariable items: Go variables reach the build stages as ENV; names the go command does not read,
/// variables the SDK owns, values the go command rejects and secrets are reported at the item's line.
/// </summary>
public class GoEnvironmentVariableItemsTests
{
    [Fact]
    public void Go_variables_are_written_as_ENV_of_the_download_and_build_stages()
    {
        using var fixture = new GoProjectFixture()
            .AddVariable("GOEXPERIMENT", "loopvar,noaliastypeparams")
            .AddVariable("GODEBUG", "tlsmlkem=0,http2client=0")
            .AddVariable("GOFIPS140", "latest")
            .AddVariable("GOVCS", "private.example:git,*:off")
            .AddVariable("CGO_CFLAGS", "-O2 -I\"/opt/corp include\"");

        var (dockerfile, _, inputs) = fixture.Generate();

        Assert.Equal("loopvar,noaliastypeparams", inputs.GoEnvironment["GOEXPERIMENT"]);
        Assert.Contains("GODEBUG=\"tlsmlkem=0,http2client=0\"", dockerfile);
        Assert.Contains("GOFIPS140=\"latest\"", dockerfile);
        Assert.Contains("GOVCS=\"private.example:git,*:off\"", dockerfile);
        Assert.Contains("CGO_CFLAGS=\"-O2 -I\\\"/opt/corp include\\\"\"", dockerfile);
        // ENV of the deps stage, which the build stage starts from.
        Assert.True(dockerfile.IndexOf("GOFIPS140", StringComparison.Ordinal) < dockerfile.IndexOf("AS build", StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string, string> Rejected => new()
    {
        { "GOPROXY", "https://proxy.example", "GD1050", "set the GoProxy property" },
        { "GOAUTH", "off", "GD1050", "set the GoAuth property" },
        { "CGO_ENABLED", "1", "GD1050", "GoCgoEnabled" },
        { "GOOS", "windows", "GD1050", "GoPlatforms" },
        { "NETRC", "/tmp/n", "GD1050", "GoBuildSecret" },
        { "HTTP_PROXYY", "x", "GD1049", "does not read it" },
        { "goexperiment", "x", "GD1049", "in capitals" },
        { "GOFIPS140", "on", "GD1049", "GOFIPS140=on is not" },
        { "GO111MODULE", "yes", "GD1049", "unknown environment setting GO111MODULE=yes" },
        { "GOEXPERIMENT", "loop-var", "GD1049", "unknown GOEXPERIMENT loop-var" },
        { "GOVCS", "private.example", "GD1049", "GOVCS missing colon: private.example" },
        { "GOVCS", "*:git|off", "GD1049", "cannot mix off" },
        { "GOVCS", "*:cvs", "GD1049", "unknown VCS cvs" },
        { "GOAMD64", "v5", "GD1049", "must be v1, v2, v3, v4" },
        { "GODEBUG", "tlsmlkem", "GD1049", "'tlsmlkem' is not name=value" },
        { "CGO_LDFLAGS", "-L'/opt/lib", "GD1049", "quote is not closed" },
        { "GOEXPERIMENT", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "GD7002", "a GitHub token" },
        { "GOVCS", "https://ci:hunter2@git.example/x:git", "GD7001", "GoEnvironmentVariable 'GOVCS'" },
        { "GONOSUMCHECK", "git.example/*", "GD1051", "GoNoSumDb" },
        { "GONOSUMBD", "git.example/*", "GD1051", "did you mean GONOSUMDB? set the GoNoSumDb property" },
        { "GOPRIAVTE", "git.example/*", "GD1051", "did you mean GOPRIVATE?" },
        { "GO111MODULE", "off", "GD1051", "turns module mode off" },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void A_variable_that_cannot_work_is_reported_at_its_item_and_left_out(string name, string value, string code, string message)
    {
        using var fixture = new GoProjectFixture().AddVariable("GOTMPDIR", "/tmp").AddVariable(name, value);

        var (settings, diagnostics) = fixture.Read();

        var diagnostic = Assert.Single(diagnostics, d => d.Code == code);
        Assert.Contains(message, diagnostic.Message);
        Assert.Equal(fixture.ProjectPath, diagnostic.Location!.File);
        Assert.Equal(fixture.LineOfItem("GoEnvironmentVariable", name), diagnostic.Location.Line);
        Assert.False(settings.EnvironmentVariables.ContainsKey(name));
        Assert.Equal("/tmp", settings.EnvironmentVariables["GOTMPDIR"]);
        Assert.Equal(code is "GD1051" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Fact]
    public void The_same_variable_twice_is_an_error_and_the_first_value_stays()
    {
        using var fixture = new GoProjectFixture().AddVariable("GODEBUG", "a=1").AddVariable("GODEBUG", "b=2");

        var (settings, diagnostics) = fixture.Read();

        Assert.Equal("GD1049", Assert.Single(diagnostics).Code);
        Assert.Equal(ImmutableSortedDictionary<string, string>.Empty.Add("GODEBUG", "a=1"), settings.EnvironmentVariables);
    }
}
