using GoDocker.Sdk.Tests.Infrastructure;

namespace GoDocker.Sdk.Tests;

/// <summary>The packed tool, run as a local .NET tool the way teams run it in CI.</summary>
public sealed class ToolEndToEndTests(SdkPackages packages)
{
    [Fact]
    public async Task Verify_prints_a_result_per_proxy_and_exits_non_zero_when_one_fails()
    {
        Requirements.Go();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        var closed = $"http://127.0.0.1:{TestModuleProxy.FreePort()}";
        using var project = new TestGoProject(packages)
            // Under ',' the go command stops at a proxy it cannot connect to: the working proxy after it is never asked.
            .WithProject(TestGoProject.LocalDockerSettings($"{closed},{proxy.Url}"))
            .WithMainModule(dependency);
        await project.InstallToolAsync();

        var verify = await project.DotnetAsync("tool", "run", "godocker", "verify");

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains(proxy.Url, verify.Output);
        Assert.Contains(closed, verify.Output);
        Assert.Contains(verify.Diagnostics, d => d.Code.StartsWith("GD3", StringComparison.Ordinal) && d.Message.Contains(closed, StringComparison.Ordinal));

        var json = await project.DotnetAsync("tool", "run", "godocker", "verify", "--format", "json", "--timeout", "2");
        Assert.Equal(1, json.ExitCode);
        using (var report = System.Text.Json.JsonDocument.Parse(json.Output))
        {
            Assert.True(report.RootElement.GetProperty("hasErrors").GetBoolean());
            Assert.Contains(report.RootElement.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "GD3002");
        }

        var sarif = await project.DotnetAsync("tool", "run", "godocker", "verify", "--format", "sarif");
        Assert.Equal(1, sarif.ExitCode);
        using (var log = System.Text.Json.JsonDocument.Parse(sarif.Output))
        {
            Assert.Equal("2.1.0", log.RootElement.GetProperty("version").GetString());
            var results = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
            Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "GD3002");
        }
    }

    [Fact]
    public async Task Proxy_snapshot_list_shows_the_snapshot_committed_with_the_sample()
    {
        Requirements.Go();
        using var project = new TestGoProject(packages);
        await project.InstallToolAsync();

        var list = await project.DotnetAsync("tool", "run", "godocker", "proxy", "snapshot", "list", "--cache", RepositoryPaths.Path("samples", "hello", ".godocker", "proxy"));

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("hello", list.Output);
    }

    [Fact]
    public async Task Bad_usage_exits_with_2()
    {
        Requirements.Go();
        using var project = new TestGoProject(packages);
        await project.InstallToolAsync();

        var run = await project.DotnetAsync("tool", "run", "godocker", "verify", "--no-such-option");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--no-such-option", run.Output);
    }
}

/// <summary>The tool's Go-semantics commands agree with the real go command.</summary>
public sealed class ToolGoSemanticsTests(SdkPackages packages)
{
    [Fact]
    public async Task Hash_equals_the_go_sum_line_go_writes_and_modfile_equals_go_mod_edit_json()
    {
        Requirements.Go();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        using var project = new TestGoProject(packages).WithMainModule(dependency);
        await project.WriteGoSumAsync(proxy);
        await project.InstallToolAsync();
        var zip = project.Path("dep.zip");
        File.WriteAllBytes(zip, dependency.ProxyFiles().Single(f => f.UrlPath.EndsWith(".zip", StringComparison.Ordinal)).Content);

        var hash = await project.DotnetAsync("tool", "run", "godocker", "hash", zip, "--module", $"{dependency.Path}@{dependency.Version}");
        var modfile = await project.DotnetAsync("tool", "run", "godocker", "modfile", project.GoModPath, "--json", "--go", "1.19");
        var goJson = await CommandRun.ExecuteAsync("go", ["mod", "edit", "-json"], project.Directory, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(hash.ExitCode == 0, hash.ToString());
        var sumLine = File.ReadAllLines(project.GoSumPath).Single(l => l.StartsWith($"{dependency.Path} {dependency.Version} ", StringComparison.Ordinal));
        Assert.Equal(sumLine.Split(' ')[2], hash.Output.Trim());
        Assert.Equal(0, modfile.ExitCode);
        Assert.Equal(goJson.Output, modfile.Output);
    }
}

/// <summary>godocker explain on a saved CI log, through the packed tool.</summary>
public sealed class ToolExplainTests(SdkPackages packages)
{
    [Fact]
    public async Task Explain_classifies_a_saved_log_at_the_require_line_as_json()
    {
        Requirements.Go();
        using var project = new TestGoProject(packages);
        File.WriteAllText(project.GoModPath, "module example.com/app\n\ngo 1.19\n\nrequire github.com/Azure/go-autorest v14.2.0+incompatible\n");
        var log = project.Path("ci.log");
        File.WriteAllText(log, """
            #8 [deps 4/4] RUN --mount=type=cache,target=/go/pkg/mod go mod download && go mod verify
            #8 0.532 go: github.com/Azure/go-autorest@v14.2.0+incompatible: reading https://goproxy.example.corp/github.com/!azure/go-autorest/@v/v14.2.0+incompatible.info: 410 Gone
            #8 ERROR: process "/bin/sh -c go mod download && go mod verify" did not complete successfully: exit code: 1
            """);
        await project.InstallToolAsync();

        var explain = await project.DotnetAsync("tool", "run", "godocker", "explain", log, "--project", project.Directory, "--format", "json");

        Assert.Equal(1, explain.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(explain.Output);
        var diagnostic = json.RootElement.GetProperty("diagnostics").EnumerateArray()
            .Single(d => d.GetProperty("code").GetString() == "GD6001");
        Assert.Equal(project.GoModPath, diagnostic.GetProperty("file").GetString());
        Assert.Equal(5, diagnostic.GetProperty("line").GetInt32());
        Assert.EndsWith("docs/diagnostics/GD6001.md", diagnostic.GetProperty("helpLink").GetString());
    }
}
