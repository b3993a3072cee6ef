using System.Diagnostics;

namespace GoDocker.ProxyGateway.Tests.Infrastructure;

/// <summary>Runs the real go command (1.19 at /usr/bin/go) against a GOPROXY, isolated in its own module cache.</summary>
public sealed class GoClient
{
    public const string GoBinary = "/usr/bin/go";

    public static void SkipIfMissing()
    {
        if (!File.Exists(GoBinary))
        {
            if (Environment.GetEnvironmentVariable("GODOCKER_REQUIRE_DOCKER") == "1")
            {
                Assert.Fail($"{GoBinary} is required (GODOCKER_REQUIRE_DOCKER=1) but missing");
            }

            Assert.Skip($"{GoBinary} is not installed; install golang-go to run the go client tests");
        }
    }

    /// <summary>Writes a main module requiring <paramref name="requires"/> ("path version") and returns its folder.</summary>
    public static string WriteProject(string folder, params string[] requires)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "go.mod"),
            "module example.invalid/app\n\ngo 1.19\n\nrequire (\n" + string.Concat(requires.Select(r => "\t" + r + "\n")) + ")\n");

        // Importing each module's package makes go record the zip's h1 as well as the go.mod's.
        File.WriteAllText(Path.Combine(folder, "main.go"),
            "package main\n\nimport (\n" + string.Concat(requires.Select(r => $"\t_ \"{r.Split(' ')[0]}\"\n")) + ")\n\nfunc main() {}\n");
        return folder;
    }

    /// <summary>Runs <c>go mod download</c> and returns the go.sum it wrote, or throws with go's output.</summary>
    public static async Task<string> ModDownloadAsync(string project, string goproxy, string scratch, TimeSpan? timeout = null)
    {
        var result = await RunAsync(project, goproxy, scratch, timeout, "mod", "download", "all");
        if (result.ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException($"go mod download via {goproxy} failed ({result.ExitCode}):\n{result.Output}");
        }

        return File.ReadAllText(Path.Combine(project, "go.sum"));
    }

    public static Task<(int ExitCode, string Output)> RunAsync(string project, string goproxy, string scratch, TimeSpan? timeout, params string[] args) =>
        RunAsync(project, goproxy, scratch, timeout, null, args);

    /// <param name="environment">Variables set over the isolated defaults (GOSUMDB, GOFLAGS, GONOSUMDB…).</param>
    public static async Task<(int ExitCode, string Output)> RunAsync(string project, string goproxy, string scratch, TimeSpan? timeout, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        Directory.CreateDirectory(scratch);
        var start = new ProcessStartInfo(GoBinary) { WorkingDirectory = project, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/bin:/bin";
        start.Environment["HOME"] = scratch;
        start.Environment["GOPATH"] = Path.Combine(scratch, "gopath");
        start.Environment["GOMODCACHE"] = Path.Combine(scratch, "modcache");
        start.Environment["GOCACHE"] = Path.Combine(scratch, "gocache");
        start.Environment["GOPROXY"] = goproxy;
        start.Environment["GOSUMDB"] = "off";
        start.Environment["GOFLAGS"] = "-modcacherw -mod=mod";
        start.Environment["GOTOOLCHAIN"] = "local";
        start.Environment["GO111MODULE"] = "on";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"go {string.Join(' ', args)} did not finish in time");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
