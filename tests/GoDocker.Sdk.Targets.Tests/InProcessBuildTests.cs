using GoDocker.Sdk.Targets.Tests.Infrastructure;
using Microsoft.Build.Framework;

namespace GoDocker.Sdk.Targets.Tests;

/// <summary>
/// Restore, build, a no-op rebuild and clean of a .goproj with the SDK from this checkout, in process: what
/// `dotnet build` and `dotnet clean` show a user, without Docker (download and preflight off).
/// </summary>
public sealed class InProcessBuildTests
{
    [Fact]
    public void Restore_and_build_write_the_Dockerfile_and_compile_no_assembly()
    {
        using var creator = BuildableGoProject.Create();

        var build = creator.RestoreAndBuild();

        var dockerfile = creator.Path("obj", "Debug", "godocker", "Dockerfile");
        Assert.True(File.Exists(dockerfile), "no Dockerfile at " + dockerfile);
        Assert.Contains("golang:1.22-bookworm", File.ReadAllText(dockerfile), StringComparison.Ordinal);
        string[] compiled = [.. Directory.EnumerateFiles(creator.Directory, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".dll", StringComparison.Ordinal) || f.EndsWith(".exe", StringComparison.Ordinal)
                || f.EndsWith(".pdb", StringComparison.Ordinal) || f.EndsWith(".deps.json", StringComparison.Ordinal)
                || f.EndsWith(".runtimeconfig.json", StringComparison.Ordinal))];
        Assert.Empty(compiled);
        Assert.False(Directory.Exists(creator.Path("bin")) && Directory.EnumerateFiles(creator.Path("bin"), "*", SearchOption.AllDirectories).Any(),
            "the build wrote to bin/");
        // Off means off: neither the preflight nor the download ran.
        Assert.DoesNotContain("GoDockerVerify", build.TargetsStarted);
        Assert.DoesNotContain("GoDockerDownload", build.TargetsStarted);
    }

    [Fact]
    public void A_second_build_with_nothing_changed_skips_the_generate_step_as_up_to_date()
    {
        using var creator = BuildableGoProject.Create();
        var first = creator.RestoreAndBuild();
        Assert.Contains("GoDockerGenerate", first.TargetsStarted);
        var dockerfile = creator.Path("obj", "Debug", "godocker", "Dockerfile");
        var written = File.GetLastWriteTimeUtc(dockerfile);

        var second = creator.Build("Build");

        var skipped = Assert.Single(second.TargetsSkipped, s => s.TargetName == "GoDockerGenerate");
        Assert.Equal(TargetSkipReason.OutputsUpToDate, skipped.SkipReason);
        Assert.Equal(written, File.GetLastWriteTimeUtc(dockerfile));
    }

    [Fact]
    public void A_changed_setting_runs_the_generate_step_again_and_rewrites_the_Dockerfile()
    {
        using var creator = BuildableGoProject.Create();
        creator.RestoreAndBuild();

        var second = InProcessBuild.Build(creator.ProjectPath, new Dictionary<string, string> { ["GoBaseImage"] = "golang:1.23-alpine" }, "Build");

        Assert.True(second.Succeeded, second.Problems());
        Assert.Contains("GoDockerGenerate", second.TargetsStarted);
        Assert.Contains("golang:1.23-alpine", File.ReadAllText(creator.Path("obj", "Debug", "godocker", "Dockerfile")), StringComparison.Ordinal);
    }

    [Fact]
    public void Rebuild_runs_the_generate_step_again()
    {
        using var creator = BuildableGoProject.Create();
        creator.RestoreAndBuild();

        var rebuild = creator.Build("Rebuild");

        Assert.Contains("GoDockerGenerate", rebuild.TargetsStarted);
        Assert.DoesNotContain(rebuild.TargetsSkipped, s => s.TargetName == "GoDockerGenerate");
    }

    [Fact]
    public void Clean_removes_the_files_the_build_generated()
    {
        using var creator = BuildableGoProject.Create();
        creator.RestoreAndBuild();
        var generated = creator.Path("obj", "Debug", "godocker");
        Assert.NotEmpty(Directory.EnumerateFiles(generated));

        creator.Build("Clean");

        Assert.Empty(Directory.Exists(generated) ? Directory.EnumerateFiles(generated) : []);
    }
}
