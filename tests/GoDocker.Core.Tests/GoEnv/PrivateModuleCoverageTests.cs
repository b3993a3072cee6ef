using GoDocker.Core.Diagnostics;
using GoDocker.Core.GoEnv;

namespace GoDocker.Core.Tests.GoEnv;

public class PrivateModuleCoverageTests
{
    private static GoEnvironment Env(params (string Name, string Value)[] variables) =>
        GoEnvironmentReader.Read(new DictionaryEnvironmentSource(variables.ToDictionary(v => v.Name, v => v.Value)), InMemoryTextFileSource.Empty);

    [Fact]
    public void A_GONOPROXY_module_outside_GONOSUMDB_is_reported_with_the_pattern_to_add()
    {
        var env = Env(("GONOPROXY", "git.corp.example"));
        var location = new SourceLocation("service.goproj", 8, 5);

        var diagnostic = Assert.Single(PrivateModuleCoverage.Check(env, ["git.corp.example/team/lib", "golang.org/x/text"], location));

        Assert.Equal("GD1012", diagnostic.Code);
        Assert.Equal(location, diagnostic.Location);
        Assert.Contains("matches GONOPROXY pattern 'git.corp.example'", diagnostic.Message);
        Assert.EndsWith("Add 'git.corp.example' to GoPrivate.", diagnostic.Message);
    }

    [Theory]
    [InlineData("gitlab.internal/platform/api", "its host 'gitlab.internal' is not a public DNS name")]
    [InlineData("10.20.30.40/tools/lint", "its host '10.20.30.40' is an IP address")]
    public void Internal_hosts_are_reported(string module, string reason)
    {
        var diagnostic = Assert.Single(PrivateModuleCoverage.Check(Env(), [module]));

        Assert.Contains(reason, diagnostic.Message);
    }

    [Fact]
    public void Covered_modules_and_other_databases_are_left_alone()
    {
        Assert.Empty(PrivateModuleCoverage.Check(Env(("GOPRIVATE", "*.internal")), ["gitlab.internal/platform/api"]));
        Assert.Empty(PrivateModuleCoverage.Check(Env(("GOSUMDB", "off")), ["gitlab.internal/platform/api"]));
        Assert.Empty(PrivateModuleCoverage.Check(Env(), ["github.com/spf13/cobra"]));
    }

    [Fact]
    public void Blocked_plans_carry_GD1011_or_GD1001_at_the_GOPROXY_setting()
    {
        var off = Env(("GOPROXY", "off")).PlanFetch("golang.org/x/text");
        var invalid = Env(("GOPROXY", "ftp://x.example")).PlanFetch("golang.org/x/text");

        Assert.Equal("GD1011", off.BlockedDiagnostic?.Code);
        Assert.StartsWith("GOPROXY is 'off' for module golang.org/x/text", off.BlockedDiagnostic!.Message);
        Assert.Equal("GD1001", invalid.BlockedDiagnostic?.Code);
        Assert.Null(Env().PlanFetch("golang.org/x/text").BlockedDiagnostic);
    }
}
