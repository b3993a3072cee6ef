using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using GoDocker.Cli.Commands;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.BuildGateways;
using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Tests.Infrastructure;

namespace GoDocker.ProxyGateway.Tests;

/// <summary>
/// The gateway executable GoDockerStartProxy runs (<c>dotnet GoDocker.ProxyGateway.dll</c>): started as the SDK
/// starts it, and taking the options of <c>godocker proxy</c>, the one front end.
/// </summary>
public sealed class GatewayExecutableTests
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "GoDocker.ProxyGateway.dll");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_SDKs_command_line_starts_the_executable_serving_a_snapshot_offline_on_the_given_port()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0").Add("example.invalid/n", "v1.0.0");
        await using (var upstream = await TestUpstream.StartAsync(folder))
        await using (var live = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address))
        {
            using var http = Gateways.Client(live);
            await ModuleFiles.PinAsync(http, "example.invalid/m@v1.0.0");
            await live.Snapshots.CreateAsync("release", Ct);
            await ModuleFiles.PinAsync(http, "example.invalid/n@v1.0.0");
        }

        var port = FreePort();
        var launch = new BuildGatewayLaunch(Dll, temp.Sub("cache")) { Snapshot = "release" };
        await using var gateway = await BuildGateway.StartAsync(launch, $"127.0.0.1:{port}", null, new RecordingLog(), Ct);
        using var client = new HttpClient { BaseAddress = gateway.Address, Timeout = TimeSpan.FromSeconds(30) };

        Assert.Equal(port, gateway.Address.Port);
        Assert.Equal(File.ReadAllBytes(folder.PathOf("example.invalid/m", "v1.0.0", "zip")), await client.GetByteArrayAsync("/example.invalid/m/@v/v1.0.0.zip", Ct));
        Assert.Equal(404, (int)(await client.GetAsync("/example.invalid/n/@v/v1.0.0.zip", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_SDK_hands_the_gateway_the_projects_go_sum_and_it_fetches_what_that_names_before_anyone_asks_but_no_private_module()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/a-private", "v1.0.0").Add("example.invalid/m", "v1.0.0");
        await using var upstream = await TestUpstream.StartAsync(folder);
        var goSum = temp.Sub("project/go.sum");
        Directory.CreateDirectory(Path.GetDirectoryName(goSum)!);
        var hash = $"h1:{new string('A', 43)}=";
        File.WriteAllText(goSum, string.Concat(new[] { "example.invalid/a-private", "example.invalid/m" }.Select(m => $"{m} v1.0.0 {hash}\n{m} v1.0.0/go.mod {hash}\n")));
        var log = new RecordingLog();

        // GONOPROXY names a-private, which the go command fetches itself. Listed first, its files come before m's zip in the
        // prefetch, so once that zip is fetched they have been refused.
        var launch = new BuildGatewayLaunch(Dll, temp.Sub("cache")) { Upstream = upstream.Address.ToString().TrimEnd('/'), PrefetchFrom = goSum, Private = "example.invalid/a-private" };
        await using var gateway = await BuildGateway.StartAsync(launch, "127.0.0.1:0", null, log, Ct);

        Assert.True(await Poll.UntilAsync(() => upstream.Count("example.invalid/m/@v/v1.0.0.zip") == 1, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(20), Ct),
            "the gateway fetched the zip go.sum names without being asked");
        Assert.Equal([1, 1], new[] { upstream.Count("example.invalid/m/@v/v1.0.0.info"), upstream.Count("example.invalid/m/@v/v1.0.0.mod") });
        Assert.Equal(3, upstream.TotalRequests);  // nothing of a-private: its name never reached the upstream
        Assert.Contains(log.Details, d => d.Contains($"fetches the module files {goSum} names", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Log_level_Warning_leaves_out_the_line_for_each_file_stored_which_the_default_writes()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0");
        await using var upstream = await TestUpstream.StartAsync(folder);
        string[] Args(string cache) => ["--cache", temp.Sub(cache), "--listen", "127.0.0.1:0", "--upstream", upstream.Address.ToString(), "--no-prefetch"];
        await using var chatty = await GatewayProcess.StartAsync(Ct, Args("default"));
        await using var quiet = await GatewayProcess.StartAsync(Ct, [.. Args("quiet"), "--log-level", "warning"]);

        foreach (var gateway in new[] { chatty, quiet })
        {
            using var client = new HttpClient { BaseAddress = gateway.Address, Timeout = TimeSpan.FromSeconds(30) };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("example.invalid/m/@v/v1.0.0.mod", Ct)).StatusCode);
        }

        Assert.True(await Poll.UntilAsync(() => chatty.Output.Contains("Stored example.invalid/m/@v/v1.0.0.mod", StringComparison.Ordinal), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20), Ct),
            $"the default level logs each file stored; it wrote: {chatty.Output}");
        Assert.DoesNotContain("Stored", quiet.Output, StringComparison.Ordinal);
        Assert.Equal(2, upstream.Count("example.invalid/m/@v/v1.0.0.mod"));
    }

    [Fact]
    public async Task The_executable_serves_a_cached_file_that_another_program_holds_an_exclusive_lock_on()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0");
        await using var upstream = await TestUpstream.StartAsync(folder);
        string[] args = ["--cache", temp.Sub("cache"), "--listen", "127.0.0.1:0", "--upstream", upstream.Address.ToString(), "--no-prefetch"];
        byte[] mod;
        await using (var first = await GatewayProcess.StartAsync(Ct, args))
        {
            using var client = new HttpClient { BaseAddress = first.Address, Timeout = TimeSpan.FromSeconds(30) };
            mod = await client.GetByteArrayAsync("example.invalid/m/@v/v1.0.0.mod", Ct);
        }

        // A backup or scanning tool that opens the cache's files exclusively (FileShare.None: flock(LOCK_EX) on Linux).
        var blob = new CacheLayout(temp.Sub("cache")).BlobPath(CacheContent.Sha256Of(mod));
        using var held = new FileStream(blob, FileMode.Open, FileAccess.Read, FileShare.None);
        await using var second = await GatewayProcess.StartAsync(Ct, args);
        using var again = new HttpClient { BaseAddress = second.Address, Timeout = TimeSpan.FromSeconds(30) };

        var answer = await again.GetAsync("example.invalid/m/@v/v1.0.0.mod", Ct);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(mod, await answer.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(1, upstream.Count("example.invalid/m/@v/v1.0.0.mod"));
    }

    [Fact]
    public async Task The_executable_takes_every_option_of_godocker_proxy_with_the_same_default_listen_address()
    {
        var (exit, help) = await RunAsync("--help");

        Assert.Equal(0, exit);
        var proxyOptions = ProxyCommand.Create().Options.Select(o => o.Name).Where(n => n.StartsWith("--", StringComparison.Ordinal) && n != "--help").ToArray();
        Assert.NotEmpty(proxyOptions);
        Assert.All(proxyOptions, name => Assert.Contains(name, help));
        Assert.Contains("127.0.0.1:8080", help);
    }

    [Theory]
    [InlineData("--view", "s")]
    [InlineData("--max-bytes", "1000")]
    public async Task The_executables_old_options_are_refused(string option, string value)
    {
        using var temp = new TempFolder();
        var (exit, output) = await RunAsync("--cache", temp.Sub("cache"), "--listen", "127.0.0.1:0", option, value);

        Assert.Equal(2, exit);
        Assert.Contains(option, output);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task A_native_gateway_this_machine_cannot_run_gives_way_to_the_portable_one()
    {
        Assert.SkipUnless(NativeGatewayPlatform, "the SDK ships a native gateway for linux-x64 only");
        using var temp = new TempFolder();
        var assembly = CopyOfThisGateway(temp.Sub("gateway"));
        // What a glibc older than the build machine's says; left without its exec bit, as NuGet extracts it.
        var native = WriteNative(assembly, "echo \"GoDocker.ProxyGateway: /lib/x86_64-linux-gnu/libc.so.6: version 'GLIBC_2.99' not found\" >&2\nexit 1");
        var log = new RecordingLog();

        await using var gateway = await BuildGateway.StartAsync(new BuildGatewayLaunch(assembly, temp.Sub("cache")), "127.0.0.1:0", null, log, Ct);
        using var client = new HttpClient { BaseAddress = gateway.Address, Timeout = TimeSpan.FromSeconds(30) };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", Ct)).StatusCode);
        Assert.Contains(log.Details, d => d.Contains("does not run on this machine", StringComparison.Ordinal) && d.Contains("GLIBC_2.99", StringComparison.Ordinal));
        Assert.Contains(log.Details, d => d.StartsWith("The build's gateway runs ", StringComparison.Ordinal) && d.EndsWith(assembly, StringComparison.Ordinal));
        Assert.True(File.GetUnixFileMode(native).HasFlag(UnixFileMode.UserExecute));
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task A_native_gateway_that_reports_a_GD_code_fails_the_start_with_that_code_without_a_second_try()
    {
        Assert.SkipUnless(NativeGatewayPlatform, "the SDK ships a native gateway for linux-x64 only");
        using var temp = new TempFolder();
        var assembly = CopyOfThisGateway(temp.Sub("gateway"));
        WriteNative(assembly, "echo 'error GD3055: 127.0.0.1:1 is in use; pick another port in GoProxy.' >&2\nexit 1");
        var log = new RecordingLog();

        var e = await Assert.ThrowsAsync<DiagnosticException>(() => BuildGateway.StartAsync(new BuildGatewayLaunch(assembly, temp.Sub("cache")), "127.0.0.1:1", null, log, Ct));

        Assert.Equal("GD3055", e.Diagnostic.Code);
        Assert.DoesNotContain(log.Details, d => d.Contains("does not run on this machine", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_native_gateway_beside_the_assembly_the_assembly_runs_on_dotnet()
    {
        Assert.Null(BuildGatewayProgram.Native(Dll));
        var portable = BuildGatewayProgram.Portable(Dll);

        Assert.False(portable.IsNative);
        Assert.Equal([Dll], portable.LeadingArguments);
    }

    private static bool NativeGatewayPlatform => OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64;

    /// <summary>This test run's gateway assembly and what it loads, in a folder of its own (to put a native one beside).</summary>
    private static string CopyOfThisGateway(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return Path.Combine(folder, "GoDocker.ProxyGateway.dll");
    }

    [SupportedOSPlatform("linux")]
    private static string WriteNative(string assembly, string script)
    {
        var native = Path.Combine(Path.GetDirectoryName(assembly)!, BuildGatewayProgram.NativeFolder, BuildGatewayProgram.NativeFileName);
        Directory.CreateDirectory(Path.GetDirectoryName(native)!);
        File.WriteAllText(native, "#!/bin/sh\n" + script + "\n");
        File.SetUnixFileMode(native, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return native;
    }

    private static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class RecordingLog : IOperationLog
    {
        public List<string> Details { get; } = [];
        public void Progress(string text) { }
        public void Detail(string text) { lock (Details) { Details.Add(text); } }
        public void Report(Diagnostic diagnostic) { }
    }
}
