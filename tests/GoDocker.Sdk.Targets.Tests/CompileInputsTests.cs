using GoDocker.Core.Dockerfiles;
using GoDocker.Sdk.Targets.Tests.Infrastructure;

namespace GoDocker.Sdk.Targets.Tests;

/// <summary>
/// The build stage's up-to-date check covers what its COPY sends: every file of the Docker context, less what the
/// generated .dockerignore keeps out. A file the context would not send never makes a build start Docker.
/// </summary>
public sealed class CompileInputsTests
{
    [Fact]
    public void Compile_inputs_are_the_context_files_the_build_stage_copies_and_nothing_the_dockerignore_keeps_out()
    {
        using var creator = BuildableGoProject.Create().Body("""
              <Target Name="WriteCompileInputs" DependsOnTargets="_GoDockerCollectSettings;_GoDockerCollectCompileInputs">
                <WriteLinesToFile File="$(MSBuildProjectDirectory)/obj/compile-inputs.txt" Lines="@(_GoDockerCompileInput->'%(FullPath)')" Overwrite="true" />
              </Target>
            """);
        creator.Save();
        var sent = new List<string> { "main.go", "go.mod", "pkg/x.go", "pkg/testdata/fixture.txt", "web/index.html" };
        var kept = new List<string> { "obj/gen.go", "bin/app" };
        foreach (var pattern in DockerignoreWriter.AlwaysExcluded)
        {
            // The pattern's own name under a subfolder, and as a folder holding a file.
            var sample = pattern.Replace("**/", "sub/", StringComparison.Ordinal).Replace("*", "a", StringComparison.Ordinal);
            kept.Add(sample);
            kept.Add("deep/" + sample.Replace("sub/", "", StringComparison.Ordinal) + "/inside.go");
        }
        foreach (var file in sent.Concat(kept).Where(f => f != "go.mod"))
        {
            var path = creator.Path([.. file.Split('/')]);
            if (Directory.Exists(path))
            {
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (!File.Exists(path))
            {
                File.WriteAllText(path, "x");
            }
        }

        creator.Build("WriteCompileInputs");
        var inputs = File.ReadAllLines(creator.Path("obj", "compile-inputs.txt"))
            .Select(f => Path.GetRelativePath(creator.Directory, f).Replace('\\', '/'))
            .ToHashSet();

        Assert.All(sent, f => Assert.Contains(f, inputs));
        Assert.All(kept.Where(k => !k.StartsWith("deep/bin/", StringComparison.Ordinal) && !k.StartsWith("deep/obj/", StringComparison.Ordinal)),
            f => Assert.DoesNotContain(f, inputs));
        // The Dockerfile and what it was generated from rerun the build stage too.
        Assert.Contains("obj/Debug/godocker/Dockerfile", inputs);
    }

    [Fact]
    public void The_build_stage_runs_after_the_download_and_only_when_Docker_is_wanted()
    {
        using var creator = BuildableGoProject.Create();

        var build = creator.RestoreAndBuild();

        // GoDownload=Off asks for no Docker, so the build stage does not run (and its task is never loaded).
        Assert.DoesNotContain("GoDockerCompile", build.TargetsStarted);
        var dependsOn = creator.Evaluate().GetPropertyValue("GoDockerBuildDependsOn");
        var steps = dependsOn.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(Array.IndexOf(steps, "GoDockerCompile") > Array.IndexOf(steps, "GoDockerDownload"), dependsOn);
    }
}
