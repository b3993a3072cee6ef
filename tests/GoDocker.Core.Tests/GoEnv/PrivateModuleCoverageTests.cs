using GoDocker.Core.Diagnostics;
using GoDocker.Core.GoEnv;
using GoDocker.Core.GoMod;
using GoDocker.Core.GoSum;

namespace GoDocker.Core.Tests.GoEnv;

public class PrivateModuleCoverageTests
{
    private const string GoModPath = "/src/service/go.mod";

    private static GoEnvironment Env(params (string Name, string Value)[] variables) =>
        GoEnvironmentReader.Read(new DictionaryEnvironmentSource(variables.ToDictionary(v => v.Name, v => v.Value)), InMemoryTextFileSource.Empty);

    private static GoModFile GoMod(params string[] requires) =>
        GoModFile.Parse(GoModPath, "module example.com/service\n\ngo 1.22\n\nrequire (\n" + string.Concat(requires.Select(r => "\t" + r + "\n")) + ")\n");

    private static IReadOnlyList<Diagnostic> Check(GoEnvironment environment, params string[] requires) =>
        PrivateModuleCoverage.Check(environment, GoMod(requires), GoModPath);

    [Fact]
    public void A_GONOPROXY_module_outside_GONOSUMDB_is_reported_at_its_require_line_with_the_pattern_to_add()
    {
        var env = Env(("GONOPROXY", "git.corp.example"));

        var diagnostic = Assert.Single(Check(env, "golang.org/x/text v0.14.0", "git.corp.example/team/lib v1.2.0"));

        Assert.Equal("GD1012", diagnostic.Code);
        Assert.Equal(new SourceLocation(GoModPath, 7, 2, 7, 34), diagnostic.Location);
        Assert.Contains("matches GONOPROXY pattern 'git.corp.example'", diagnostic.Message);
        Assert.EndsWith("Add 'git.corp.example' to GoPrivate.", diagnostic.Message);
    }

    [Theory]
    [InlineData("gitlab.internal/platform/api", "its host 'gitlab.internal' is not a public DNS name")]
    [InlineData("10.20.30.40/tools/lint", "its host '10.20.30.40' is an IP address")]
    public void Internal_hosts_are_reported(string module, string reason)
    {
        var diagnostic = Assert.Single(Check(Env(), module + " v1.0.0 // indirect"));

        Assert.Contains(reason, diagnostic.Message);
    }

    [Fact]
    public void Covered_modules_and_other_databases_are_left_alone()
    {
        Assert.Empty(Check(Env(("GOPRIVATE", "*.internal")), "gitlab.internal/platform/api v1.0.0"));
        Assert.Empty(Check(Env(("GOSUMDB", "off")), "gitlab.internal/platform/api v1.0.0"));
        Assert.Empty(Check(Env(), "github.com/spf13/cobra v1.8.0"));
    }

    [Fact]
    public void A_module_replaced_by_a_directory_is_never_looked_up_and_a_replacement_module_is_judged_instead()
    {
        var goMod = GoModFile.Parse(GoModPath, """
            module example.com/service

            go 1.22

            require (
            	gitlab.internal/platform/api v1.0.0
            	github.com/spf13/cobra v1.8.0
            )

            replace gitlab.internal/platform/api => ../api

            replace github.com/spf13/cobra => git.corp.internal/forks/cobra v1.8.1
            """);

        var diagnostic = Assert.Single(PrivateModuleCoverage.Check(Env(), goMod, GoModPath));

        Assert.StartsWith("Module git.corp.internal/forks/cobra looks private", diagnostic.Message);
        Assert.Equal(7, diagnostic.Location!.Line);
    }

    [Fact]
    public void Modules_whose_hashes_go_sum_already_records_are_not_looked_up()
    {
        var goMod = GoMod("gitlab.internal/platform/api v1.0.0", "gitlab.internal/platform/db v1.1.0");
        var goSum = GoSumFile.Parse("/src/service/go.sum", """
            gitlab.internal/platform/api v1.0.0 h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=
            gitlab.internal/platform/api v1.0.0/go.mod h1:Ck7NC7gyBfKk6LfebTZSzmnMuvO4iv3SHCZYPrNbYA8=
            gitlab.internal/platform/db v1.1.0/go.mod h1:0Ztno7Bb5xTl0ZX8Dp3v3rtmVZKYakUGvPJFsmBY+2M=

            """);

        var diagnostic = Assert.Single(PrivateModuleCoverage.Check(Env(), goMod, GoModPath, goSum));

        Assert.StartsWith("Module gitlab.internal/platform/db looks private", diagnostic.Message);
    }
}
