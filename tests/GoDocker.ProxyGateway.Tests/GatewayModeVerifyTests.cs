using GoDocker.Core.BuildGateways;
using GoDocker.Core.GoEnv;
using GoDocker.Core.Projects;
using GoDocker.Core.Verification;
using GoDocker.ProxyGateway.Tests.Infrastructure;

namespace GoDocker.ProxyGateway.Tests;

/// <summary>
/// Verify with GoModCacheMode=Gateway over a GoModCacheDir the real gateway filled through the real go 1.19 client:
/// a folder that covers go.sum needs no upstream (and verify asks none); one that does not is probed as before.
/// </summary>
public sealed class GatewayModeVerifyTests
{
    private static readonly string[] Requires = ["example.invalid/alpha v1.2.0", "example.invalid/Beta v0.3.0-RC1"];

    private static ModuleFolder Modules(string root) => new ModuleFolder(root)
        .Add("example.invalid/alpha", "v1.2.0")
        .Add("example.invalid/Beta", "v0.3.0-RC1", "uppercase path and version");

    [Fact]
    public async Task A_GoModCacheDir_covering_go_sum_is_verified_without_asking_upstream_and_serves_go_offline()
    {
        GoClient.SkipIfMissing();
        using var temp = new TempFolder();
        var modCacheDir = temp.Sub("modcache");
        var project = GoClient.WriteProject(temp.Sub("app"), Requires);
        await using var upstream = await TestUpstream.StartAsync(Modules(temp.Sub("upstream")));
        await FillAsync(modCacheDir, upstream.Address, project, temp.Sub("go-fill"));
        var before = upstream.TotalRequests;

        var report = await ProjectVerification.RunAsync(Settings(project, upstream.Address, modCacheDir), TestContext.Current.CancellationToken);

        Assert.Equal(before, upstream.TotalRequests);
        Assert.True(report.Verdict.CanDownload, report.Verdict.Summary);
        Assert.Equal("all 2 modules pinned in go.sum are in GoModCacheDir; upstream not needed; OK", report.Verdict.Summary);
        Assert.DoesNotContain(report.Diagnostics, d => d.IsError);

        // What verify claims holds: a gateway over the folder with no upstream at all serves the whole download.
        await using var offline = await Gateways.StartAsync(Path.Combine(modCacheDir, ModCacheFolder.CacheFolderName), null);
        File.Delete(Path.Combine(project, "go.sum"));
        var goSum = await GoClient.ModDownloadAsync(project, offline.Address.ToString().TrimEnd('/'), temp.Sub("go-offline"));
        Assert.Contains("example.invalid/Beta v0.3.0-RC1 h1:", goSum);
    }

    [Fact]
    public async Task A_GoModCacheDir_missing_a_module_of_go_sum_still_probes_and_reports_a_broken_upstream()
    {
        GoClient.SkipIfMissing();
        using var temp = new TempFolder();
        var modCacheDir = temp.Sub("modcache");
        var project = GoClient.WriteProject(temp.Sub("app"), Requires);
        await using var upstream = await TestUpstream.StartAsync(Modules(temp.Sub("upstream")));
        await FillAsync(modCacheDir, upstream.Address, project, temp.Sub("go-fill"));
        Assert.True(ModCacheCoverage.Of(modCacheDir, Path.Combine(project, "go.mod")).IsComplete);

        // go.sum gains a module the folder never stored (as after a dependency update).
        await File.AppendAllTextAsync(Path.Combine(project, "go.sum"),
            "example.invalid/delta v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\nexample.invalid/delta v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",
            TestContext.Current.CancellationToken);
        var coverage = ModCacheCoverage.Of(modCacheDir, Path.Combine(project, "go.mod"));
        Assert.False(coverage.IsComplete);
        Assert.Contains("example.invalid/delta v1.0.0", coverage.Missing);

        upstream.FailWithStatus = 500;
        var before = upstream.TotalRequests;
        var details = new List<string>();
        var report = await ProjectVerification.RunAsync(Settings(project, upstream.Address, modCacheDir), TestContext.Current.CancellationToken, details.Add);

        Assert.True(upstream.TotalRequests > before);
        Assert.False(report.Verdict.CanDownload);
        Assert.Contains(report.Diagnostics, d => d.IsError);
        Assert.Contains(details, d => d.Contains("lacks example.invalid/delta v1.0.0", StringComparison.Ordinal) && d.Contains("probing the upstream proxies", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Content_gone_from_the_folder_or_a_go_sum_hash_it_did_not_pin_is_not_coverage()
    {
        GoClient.SkipIfMissing();
        using var temp = new TempFolder();
        var modCacheDir = temp.Sub("modcache");
        var project = GoClient.WriteProject(temp.Sub("app"), Requires);
        await using (var upstream = await TestUpstream.StartAsync(Modules(temp.Sub("upstream"))))
        {
            await FillAsync(modCacheDir, upstream.Address, project, temp.Sub("go-fill"));
        }
        var goMod = Path.Combine(project, "go.mod");
        var goSum = Path.Combine(project, "go.sum");
        var original = await File.ReadAllTextAsync(goSum, TestContext.Current.CancellationToken);

        // Another hash for alpha's zip than the one the gateway pinned.
        var alphaZip = original.Split('\n').Single(l => l.StartsWith("example.invalid/alpha v1.2.0 ", StringComparison.Ordinal));
        await File.WriteAllTextAsync(goSum, original.Replace(alphaZip, "example.invalid/alpha v1.2.0 h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        Assert.Equal(["example.invalid/alpha v1.2.0"], ModCacheCoverage.Of(modCacheDir, goMod).Missing);

        // The folder's content evicted (blobs gone, pins kept).
        await File.WriteAllTextAsync(goSum, original, TestContext.Current.CancellationToken);
        Directory.Delete(Path.Combine(modCacheDir, ModCacheFolder.CacheFolderName, "blobs"), recursive: true);
        Assert.Equal(4, ModCacheCoverage.Of(modCacheDir, goMod).Missing.Count);

        // A requirement go.sum has no lines for: the go command would have to fetch it; replaced by a folder, it never does.
        Directory.CreateDirectory(Path.Combine(modCacheDir, ModCacheFolder.CacheFolderName, "blobs"));
        var goModText = await File.ReadAllTextAsync(goMod, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(goMod, goModText + "\nrequire example.invalid/local v1.0.0\n", TestContext.Current.CancellationToken);
        Assert.Contains("example.invalid/local v1.0.0 (not in go.sum)", ModCacheCoverage.Of(modCacheDir, goMod).Missing);
        await File.WriteAllTextAsync(goMod, goModText + "\nrequire example.invalid/local v1.0.0\n\nreplace example.invalid/local => ./local\n", TestContext.Current.CancellationToken);
        Assert.DoesNotContain(ModCacheCoverage.Of(modCacheDir, goMod).Missing, m => m.Contains("example.invalid/local", StringComparison.Ordinal));

        // No layout marker: the build's gateway would not read the folder.
        File.Delete(Path.Combine(modCacheDir, ModCacheFolder.MarkerFile));
        Assert.False(ModCacheCoverage.Of(modCacheDir, goMod).IsComplete);
    }

    /// <summary>What run 1 of a CI job leaves: the folder with its marker, filled by the gateway from go's download.</summary>
    private static async Task FillAsync(string modCacheDir, Uri upstream, string project, string scratch)
    {
        Directory.CreateDirectory(modCacheDir);
        await File.WriteAllTextAsync(Path.Combine(modCacheDir, ModCacheFolder.MarkerFile), "{\"layout\":1}\n", TestContext.Current.CancellationToken);
        await using var gateway = await Gateways.StartAsync(Path.Combine(modCacheDir, ModCacheFolder.CacheFolderName), upstream);
        await GoClient.ModDownloadAsync(project, gateway.Address.ToString().TrimEnd('/'), scratch);
    }

    private static GoProjectSettings Settings(string projectFolder, Uri upstream, string modCacheDir)
    {
        var project = Path.Combine(projectFolder, "app.goproj");
        var properties = new Dictionary<string, string>
        {
            ["GoProxy"] = upstream.ToString().TrimEnd('/'),
            ["GoSumDb"] = "off",
            ["GoModCacheMode"] = "Gateway",
            ["GoModCacheDir"] = modCacheDir,
            ["GoDockerNetwork"] = "host",
            ["GoVerifyTimeout"] = "3",
        };
        File.WriteAllText(project, "<Project Sdk=\"GoDocker.Sdk\">\n  <PropertyGroup>\n"
            + string.Concat(properties.Select(p => $"    <{p.Key}>{p.Value}</{p.Key}>\n")) + "  </PropertyGroup>\n</Project>\n");
        var (settings, diagnostics) = GoProjectSettingsReader.Read(project, properties, [], [], ProjectFilePositions.Read(project), new NoEnvironment());
        Assert.DoesNotContain(diagnostics, d => d.IsError);
        return settings;
    }

    private sealed class NoEnvironment : IEnvironmentSource
    {
        public string? GetVariable(string name) => name == "HOME" ? "/nonexistent" : null;
    }
}
