using GoDocker.Core.GoEnv;
using GoDocker.Core.Projects;
using GoDocker.Core.Verification;

namespace GoDocker.Core.Tests.Verification;

/// <summary>The front ends' entry point: a .goproj and its go.mod in, a positioned report out.</summary>
public sealed class ProjectVerificationTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("godocker-project-verify-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Project_settings_drive_the_probes_and_diagnostics_point_at_the_project()
    {
        await using var proxy = new LocalServer(_ => (500, "boom\n"));
        var project = Path.Combine(directory, "app.goproj");
        await File.WriteAllTextAsync(project, $"""
            <Project Sdk="GoDocker.Sdk">
              <PropertyGroup>
                <GoProxy>{proxy.Url("http")}</GoProxy>
                <GoSumDb>off</GoSumDb>
              </PropertyGroup>
            </Project>
            """, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "go.mod"),
            "module example.com/app\n\ngo 1.19\n\nrequire (\n\tgolang.org/x/text v0.14.0 // indirect\n\tgithub.com/Example/Mod v1.2.3\n)\n",
            TestContext.Current.CancellationToken);
        var (settings, _) = GoProjectSettingsReader.Read(project,
            new Dictionary<string, string> { ["GoProxy"] = proxy.Url("http").ToString(), ["GoSumDb"] = "off", ["GoVerifyTimeout"] = "2" },
            [], [], ProjectFilePositions.Read(project), new DictionaryEnvironmentSource(new Dictionary<string, string> { ["HOME"] = "/nonexistent" }));

        var report = await ProjectVerification.RunAsync(settings, TestContext.Current.CancellationToken);

        // The first direct requirement is the module asked for, case-encoded.
        Assert.Equal(["/github.com/!example/!mod/@v/list"], proxy.Requests);
        Assert.Equal(["GD3006", "GD3011"], report.Diagnostics.Where(d => d.IsError).Select(d => d.Code));
        var error = report.Diagnostics[0];
        Assert.Equal(project, error.Location?.File);
        Assert.Equal(3, error.Location?.Line);
        Assert.False(report.Verdict.CanDownload);
    }
}
