using GoDocker.Sdk.Targets.Tests.Infrastructure;

namespace GoDocker.Sdk.Targets.Tests;

/// <summary>
/// GoDockerBuildDependsOn, the documented extension point around the Go steps: targets a project adds run in the
/// build, before the Go steps when the project lists them, after them when a file imported after the SDK appends them.
/// </summary>
public sealed class GoDockerBuildDependsOnTests
{
    private const string UserTargets = """
          <Target Name="UserBeforeGoSteps"><Message Importance="high" Text="user step before the Go steps" /></Target>
          <Target Name="UserAfterGoSteps"><Message Importance="high" Text="user step after the Go steps" /></Target>
        """;

    [Fact]
    public void Targets_the_project_lists_come_first_and_the_Go_steps_stay()
    {
        using var creator = new GoProjectCreator();
        creator.Property("GoDockerBuildDependsOn", "UserBeforeGoSteps");

        var dependsOn = creator.Evaluate().GetPropertyValue("GoDockerBuildDependsOn");

        Assert.Equal(["UserBeforeGoSteps", "GoDockerGenerate", "GoDockerVerify", "GoDockerDownload", "GoDockerCompile"], Targets(dependsOn));
    }

    [Fact]
    public void A_build_runs_the_added_targets_around_the_Go_steps_in_order()
    {
        using var creator = BuildableGoProject.Create();
        creator.Property("GoDockerBuildDependsOn", "UserBeforeGoSteps")
            .Property("CustomAfterGoDockerTargets", creator.ImportedFile("after.targets",
                GoProjectCreator.PropertyGroup(("GoDockerBuildDependsOn", "$(GoDockerBuildDependsOn);UserAfterGoSteps"))))
            .Body(UserTargets);

        var build = creator.RestoreAndBuild();

        var started = build.TargetsStarted.ToList();
        Assert.Single(started, t => t == "UserBeforeGoSteps");
        Assert.Single(started, t => t == "UserAfterGoSteps");
        var before = started.IndexOf("UserBeforeGoSteps");
        var generate = started.IndexOf("GoDockerGenerate");
        var after = started.IndexOf("UserAfterGoSteps");
        Assert.True(before < generate && generate < after, "targets ran in this order: " + string.Join(", ", started));
        Assert.Contains("user step after the Go steps", build.Messages);
    }

    /// <summary>
    /// Directory.Build.targets is where MSBuild users extend an SDK's *DependsOn lists (it is imported after
    /// Microsoft.Common.targets defines BuildDependsOn), so the SDK sets GoDockerBuildDependsOn and every Go default
    /// before it (GoDocker.Defaults.targets through CustomBeforeDirectoryBuildTargets): a target appended there runs
    /// after the Go steps, and the file reads the Go defaults.
    /// </summary>
    [Fact]
    public void A_target_Directory_Build_targets_appends_runs_after_the_Go_steps()
    {
        using var creator = new GoProjectCreator();
        creator.ImportedFile("Directory.Build.targets", GoProjectCreator.PropertyGroup(
            ("GoDockerBuildDependsOn", "$(GoDockerBuildDependsOn);UserAfterGoSteps"),
            ("SeenBaseImageVariant", "$(GoBaseImageVariant)")));

        var project = creator.Evaluate();

        Assert.Equal(["GoDockerGenerate", "GoDockerVerify", "GoDockerDownload", "GoDockerCompile", "UserAfterGoSteps"], Targets(project.GetPropertyValue("GoDockerBuildDependsOn")));
        Assert.Equal("bookworm", project.GetPropertyValue("SeenBaseImageVariant"));
    }

    private static string[] Targets(string dependsOn) => dependsOn.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
