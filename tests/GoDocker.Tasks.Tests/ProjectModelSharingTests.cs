using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoDocker.Tasks.Tests;

/// <summary>
/// The project is parsed once per build: the first task registers the model with the build engine and the later tasks
/// of the same build take it, so the settings are not read, checked and positioned again. A new build parses anew.
/// </summary>
public sealed class ProjectModelSharingTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "godocker-tasks-" + Guid.NewGuid().ToString("N")[..10]);

    public ProjectModelSharingTests()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "go.mod"), "module example.com/app\n\ngo 1.19\n");
        File.WriteAllText(Path.Combine(_folder, "go.sum"), "");
    }

    private string ProjectPath => Path.Combine(_folder, "app.goproj");

    [Fact]
    public void Later_tasks_of_a_build_take_the_model_the_first_one_parsed_and_a_new_build_parses_again()
    {
        // GoProxy on line 3; the model keeps that line with the value.
        WriteProject(blankLinesBeforeGoProxy: 0);
        var settings = Settings(("GoProxy", "off"), ("GoDockerStartProxy", "true"));
        var build = new RecordingBuildEngine();
        Assert.False(Run(new GoDockerGenerate(), build, settings));
        var first = Assert.Single(build.Errors, e => e.Code == "GD1013");
        Assert.Equal(3, first.LineNumber);

        // The project file changes under the build: the same build's later task still reports from the model it was
        // handed (nothing re-read), while the next build reads the file again.
        WriteProject(blankLinesBeforeGoProxy: 4);
        var sameBuild = new GoDockerGenerate();
        Run(sameBuild, build, settings);
        Assert.Equal([3, 3], build.Errors.Where(e => e.Code == "GD1013").Select(e => e.LineNumber));

        var nextBuild = new RecordingBuildEngine();
        Run(new GoDockerGenerate(), nextBuild, settings);
        Assert.Equal(7, Assert.Single(nextBuild.Errors, e => e.Code == "GD1013").LineNumber);
    }

    [Fact]
    public void A_changed_setting_within_one_build_is_never_served_a_model_of_other_values()
    {
        WriteProject(blankLinesBeforeGoProxy: 0);
        var build = new RecordingBuildEngine();
        Run(new GoDockerGenerate(), build, Settings(("GoProxy", "off"), ("GoDockerStartProxy", "true")));
        Run(new GoDockerGenerate(), build, Settings(("GoProxy", "off"), ("GoDockerStartProxy", "false"), ("GoDownload", "Off")));

        Assert.Single(build.Errors, e => e.Code == "GD1013");
    }

    private void WriteProject(int blankLinesBeforeGoProxy) =>
        File.WriteAllText(ProjectPath, "<Project Sdk=\"GoDocker.Sdk\">\n  <PropertyGroup>\n" + new string('\n', blankLinesBeforeGoProxy)
            + "    <GoProxy>off</GoProxy>\n  </PropertyGroup>\n</Project>\n");

    private static ITaskItem[] Settings(params (string Name, string Value)[] values) =>
        [.. values.Select(v => new TaskItem(v.Name, new Dictionary<string, string> { ["Value"] = v.Value }))];

    private bool Run(GoProjectTask task, IBuildEngine engine, ITaskItem[] settings)
    {
        task.BuildEngine = engine;
        task.ProjectPath = ProjectPath;
        task.Settings = settings;
        return task.Execute();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
