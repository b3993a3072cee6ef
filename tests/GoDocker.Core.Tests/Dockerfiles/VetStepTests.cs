using GoDocker.Core.Dockerfiles;
using GoDocker.Core.Tests.Projects;

namespace GoDocker.Core.Tests.Dockerfiles;

/// <summary>The build stage runs go vet after go build unless GoVet is false, with the flags vet accepts.</summary>
public class VetStepTests
{
    [Fact]
    public void Vet_runs_after_go_build_in_the_build_step_by_default_with_only_the_package_selecting_flags()
    {
        using var f = new GoProjectFixture().Set("GoBuildFlags", "-tags=netgo -buildvcs=false").Set("GoLdflags", "-s -w");
        var (dockerfile, _, inputs) = f.Generate();
        var (instructions, _) = DockerfileLint.Parse(dockerfile);

        var buildStage = instructions.SkipWhile(i => i.Arguments != "deps AS build").Skip(1).TakeWhile(i => i.Keyword != "FROM");
        var run = buildStage.Last(i => i.Keyword == "RUN").Arguments;
        var build = run.IndexOf("go build", StringComparison.Ordinal);
        var vet = run.IndexOf("&& echo " + DockerfileWriter.VetMarker + " && CGO_ENABLED=0 go vet -tags=netgo ./...", StringComparison.Ordinal);
        Assert.True(build >= 0 && vet > build, run);
        Assert.DoesNotContain("-ldflags", run[vet..]);
        Assert.DoesNotContain("-buildvcs", run[vet..]);
        Assert.True(inputs.Vet);
    }

    [Fact]
    public void GoVet_false_leaves_vet_out_and_changes_the_inputs_hash()
    {
        using var f = new GoProjectFixture();
        var with = f.Generate();
        var without = f.Set("GoVet", "false").Generate();

        Assert.Contains("go vet", with.Dockerfile);
        Assert.DoesNotContain("go vet", without.Dockerfile);
        Assert.DoesNotContain(DockerfileWriter.VetMarker, without.Dockerfile);
        Assert.NotEqual(with.Inputs.Hash, without.Inputs.Hash);
    }

    [Fact]
    public void A_GoVet_that_is_not_a_boolean_is_GD1007_at_its_line()
    {
        using var f = new GoProjectFixture().Set("GoVet", "sometimes");
        var d = Assert.Single(f.Read().Diagnostics, d => d.IsError);
        Assert.Equal("GD1007", d.Code);
        Assert.Equal(f.LineOf("GoVet"), d.Location?.Line);
    }
}
