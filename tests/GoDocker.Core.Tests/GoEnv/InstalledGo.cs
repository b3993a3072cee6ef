using System.Diagnostics;

namespace GoDocker.Core.Tests.GoEnv;

/// <summary>Runs the machine's go command with a fully controlled environment, or skips when there is none.</summary>
internal static class InstalledGo
{
    private static readonly Lazy<string?> Path = new(() =>
        new[] { "/usr/bin/go", "/usr/local/go/bin/go", "/usr/lib/go/bin/go" }.FirstOrDefault(File.Exists));

    public static string Require()
    {
        if (Path.Value is { } go)
        {
            return go;
        }
        if (Environment.GetEnvironmentVariable("GODOCKER_REQUIRE_DOCKER") == "1")
        {
            Assert.Fail("GODOCKER_REQUIRE_DOCKER=1 but no go command was found (looked in /usr/bin/go, /usr/local/go/bin/go).");
        }
        Assert.Skip("No go command on this machine (install golang-go); the comparison with the real go command was not run.");
        return string.Empty;
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string workingDirectory, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo(Require())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // Nothing of this machine's Go configuration may leak in.
        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
