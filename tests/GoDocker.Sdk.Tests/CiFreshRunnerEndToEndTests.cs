using GoDocker.Core.Tests.Images;
using GoDocker.Sdk.Tests.Infrastructure;

namespace GoDocker.Sdk.Tests;

/// <summary>
/// Issue 17's CI simulation: each run is a fresh runner (a second dockerd with an empty data root, started for the
/// run) with a fresh checkout; only the CI cache folder is carried from one run to the next.
/// </summary>
public sealed class CiFreshRunnerEndToEndTests(SdkPackages packages)
{
    [Fact]
    public async Task Gateway_mode_on_a_fresh_engine_with_the_cache_folder_restored_downloads_nothing_from_upstream()
    {
        Requirements.Docker();
        await using var upstream = new TestModuleProxy();
        var dependency = upstream.AddUniqueGreeting();
        var ciCache = Directory.CreateTempSubdirectory("godocker-ci-cache-").FullName;
        try
        {
            // Run 1: an empty cache folder on a fresh engine downloads the dependency set from upstream.
            using (var first = await CheckoutAsync(dependency, upstream, Path.Combine(ciCache, "saved")))
            {
                await using var engine = await FreshDockerEngine.StartAsync(Requirements.BaseImage, Requirements.RuntimeImage);
                var run1 = await first.DotnetAsync(engine.Environment, ["build", first.ProjectPath, "-nodeReuse:false", "-v:n"]);
                Assert.True(run1.ExitCode == 0, run1.ToString());
                Assert.Contains($"/{dependency.Path}/@v/v1.0.0.zip", upstream.Requests);
                Assert.True(upstream.BytesServed > 0);
                Assert.Contains("Module proxy gateway for this build serves", run1.Output);
            }

            // Run 2: another fresh engine and checkout, the cache folder restored (copied, as actions/cache does).
            var restored = Path.Combine(ciCache, "restored");
            CopyFolder(Path.Combine(ciCache, "saved"), restored);
            upstream.ClearRequests();
            // With the default GoVerify: the restored folder covers go.sum, so verify asks no upstream either.
            using var second = await CheckoutAsync(dependency, upstream, restored);
            await using (var engine = await FreshDockerEngine.StartAsync(Requirements.BaseImage, Requirements.RuntimeImage))
            {
                Assert.Contains("Build Cache 0", (await engine.DockerAsync("system", "df", "--format", "{{.Type}} {{.TotalCount}}")).Output);
                var run2 = await second.DotnetAsync(engine.Environment, ["build", second.ProjectPath, "-nodeReuse:false", "-v:n"]);
                Assert.True(run2.ExitCode == 0, run2.ToString());
                Assert.True(upstream.BytesServed == 0, "upstream served: " + string.Join(", ", upstream.Requests));
                Assert.Empty(upstream.Requests);
                Assert.Contains("all 1 modules pinned in go.sum are in GoModCacheDir; upstream not needed", run2.Output);
                // The deps step really ran on this engine (nothing cached) and go mod verify passed in it.
                Assert.Contains("all modules verified", run2.Output);
                Assert.DoesNotContain("GD6027", run2.Output);
            }
        }
        finally
        {
            Directory.Delete(ciCache, recursive: true);
        }
    }

    /// <summary>
    /// Layer mode as docs/ci.md sets it up, on Docker 20.10's built-in BuildKit (no buildx here): every run has
    /// GoDockerCacheFrom and GoDockerCacheTo = the same registry image; run 1 pushes the deps stage with its inline
    /// cache, run 2 on another fresh engine imports it and asks the upstream nothing, with the default GoVerify.
    /// </summary>
    [Fact]
    public async Task Layer_mode_with_a_registry_cache_lets_a_fresh_engine_skip_the_download_and_the_upstream()
    {
        Requirements.Docker();
        using var registry = TestRegistry.StartPlain();
        await using var upstream = new TestModuleProxy();
        var dependency = upstream.AddUniqueGreeting();
        var cacheImage = $"{registry.Address}/ci/app-deps:cache";
        (string, string)[] layer = [("GoModCacheMode", "Layer"), ("GoDockerCacheFrom", cacheImage), ("GoDockerCacheTo", $"type=registry,ref={cacheImage}")];

        using (var first = await ProjectAsync(dependency, upstream, layer))
        {
            await using var engine = await FreshDockerEngine.StartAsync(Requirements.BaseImage, Requirements.RuntimeImage);
            var run1 = await first.DotnetAsync(engine.Environment, ["build", first.ProjectPath, "-nodeReuse:false", "-v:n"]);
            Assert.True(run1.ExitCode == 0, run1.ToString());
            Assert.True(upstream.BytesServed > 0);
            Assert.Contains($"Pushing the layer cache {cacheImage} (GoDockerCacheTo).", run1.Output);
        }

        upstream.ClearRequests();
        using var second = await ProjectAsync(dependency, upstream, layer);
        await using (var engine = await FreshDockerEngine.StartAsync(Requirements.BaseImage, Requirements.RuntimeImage))
        {
            var run2 = await second.DotnetAsync(engine.Environment, ["build", second.ProjectPath, "-nodeReuse:false", "-v:n"]);
            Assert.True(run2.ExitCode == 0, run2.ToString());
            Assert.True(upstream.BytesServed == 0, "upstream served: " + string.Join(", ", upstream.Requests));
            Assert.Empty(upstream.Requests);
            Assert.Contains(Core.Verification.ProjectVerification.LayerCacheVerdict, run2.Output);
        }
    }

    [Fact]
    public async Task A_registry_cache_that_cannot_be_pushed_is_one_GD5071_at_GoDockerCacheTo()
    {
        Requirements.Docker();
        await using var upstream = new TestModuleProxy();
        var dependency = upstream.AddUniqueGreeting();
        // Port 1 on the loopback: nothing listens, so the push is refused at once.
        using var project = await ProjectAsync(dependency, upstream, ("GoModCacheMode", "Layer"), ("GoDockerCacheTo", "type=registry,ref=127.0.0.1:1/ci/app-deps:cache"));

        var build = await project.BuildAsync();

        Assert.NotEqual(0, build.ExitCode);
        var error = Assert.Single(build.Errors);
        Assert.Equal("GD5071", error.Code);
        Assert.Equal(project.ProjectPath, error.File);
        Assert.Equal(Array.FindIndex(File.ReadAllLines(project.ProjectPath), l => l.Contains("<GoDockerCacheTo>", StringComparison.Ordinal)) + 1, error.Line);
        Assert.Contains("pushing the layer cache image 127.0.0.1:1/ci/app-deps:cache (GoDockerCacheTo) failed: ", error.Message);
        Assert.Contains("connection refused", error.Message);
    }

    [Fact]
    public async Task A_registry_cache_export_without_buildx_is_GD5070_at_GoDockerCacheTo()
    {
        Requirements.Docker();
        await using var upstream = new TestModuleProxy();
        var dependency = upstream.AddUniqueGreeting();
        using var project = await ProjectAsync(dependency, upstream, ("GoModCacheMode", "Layer"), ("GoDockerCacheTo", "type=local,dest=ci-cache"));

        var build = await project.BuildAsync();

        Assert.NotEqual(0, build.ExitCode);
        var error = build.SingleError(e => e.Code == "GD5070");
        Assert.Equal(project.ProjectPath, error.File);
        Assert.Equal(Array.FindIndex(File.ReadAllLines(project.ProjectPath), l => l.Contains("<GoDockerCacheTo>", StringComparison.Ordinal)) + 1, error.Line);
        Assert.DoesNotContain("unknown flag", build.Output);
    }

    [Fact]
    public async Task An_unwritable_GoModCacheDir_fails_the_build_with_GD6026_at_its_line()
    {
        Requirements.Docker();
        await using var upstream = new TestModuleProxy();
        var dependency = upstream.AddUniqueGreeting();
        using var project = await ProjectAsync(dependency, upstream, ("GoModCacheMode", "Gateway"), ("GoModCacheDir", "main.go/cache"));

        var build = await project.BuildAsync();

        Assert.NotEqual(0, build.ExitCode);
        var error = build.SingleError(e => e.Code == "GD6026");
        Assert.Equal(project.ProjectPath, error.File);
        Assert.Equal(Array.FindIndex(File.ReadAllLines(project.ProjectPath), l => l.Contains("<GoModCacheDir>", StringComparison.Ordinal)) + 1, error.Line);
        Assert.DoesNotContain("MSB4018", build.Output);
    }

    [Fact]
    public async Task Two_projects_of_one_job_building_at_once_share_one_GoModCacheDir()
    {
        Requirements.Docker();
        await using var upstream = new TestModuleProxy();
        var dependency = upstream.AddUniqueGreeting();
        var shared = Directory.CreateTempSubdirectory("godocker-ci-shared-").FullName;
        try
        {
            using var one = await ProjectAsync(dependency, upstream, ("GoModCacheMode", "Gateway"), ("GoModCacheDir", shared), ("GoVerify", "false"));
            using var two = await ProjectAsync(dependency, upstream, ("GoModCacheMode", "Gateway"), ("GoModCacheDir", shared), ("GoVerify", "false"));
            await using var engine = await FreshDockerEngine.StartAsync(Requirements.BaseImage, Requirements.RuntimeImage);

            var builds = await Task.WhenAll(
                one.DotnetAsync(engine.Environment, ["build", one.ProjectPath, "-nodeReuse:false", "-v:n"]),
                two.DotnetAsync(engine.Environment, ["build", two.ProjectPath, "-nodeReuse:false", "-v:n"]));

            Assert.All(builds, b => Assert.True(b.ExitCode == 0, b.ToString()));
            Assert.All(builds, b => Assert.DoesNotContain("GD602", b.Output));
            Assert.Equal("{\"layout\":1}\n", File.ReadAllText(Path.Combine(shared, "godocker-modcache.json")));
            Assert.Empty(Directory.GetFiles(Path.Combine(shared, "v1", "tmp")));
        }
        finally
        {
            Directory.Delete(shared, recursive: true);
        }
    }

    /// <summary>A fresh checkout of the project with these settings.</summary>
    private async Task<TestGoProject> ProjectAsync(TestGoModule dependency, TestModuleProxy upstream, params (string, string)[] properties)
    {
        var project = new TestGoProject(packages).WithProject(TestGoProject.LocalDockerSettings(upstream.Url, properties)).WithMainModule(dependency);
        await project.WriteGoSumAsync(upstream);
        return project;
    }

    /// <summary>A fresh checkout of the same project, building with GoModCacheMode=Gateway over <paramref name="cacheFolder"/>.</summary>
    private async Task<TestGoProject> CheckoutAsync(TestGoModule dependency, TestModuleProxy upstream, string cacheFolder, params (string, string)[] more)
    {
        var project = new TestGoProject(packages).WithProject(TestGoProject.LocalDockerSettings(upstream.Url,
            [("GoModCacheMode", "Gateway"), ("GoModCacheDir", cacheFolder), .. more])).WithMainModule(dependency);
        await project.WriteGoSumAsync(upstream);
        return project;
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        }
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
        }
    }
}
