using System.Diagnostics;
using System.Text;
using CliWrap;
using CliWrap.Buffered;
using GoDocker.Core.Docker;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Downloads;

/// <summary>
/// Runs the real `go mod download` and `go mod verify` on the host with the project's Go environment, for machines
/// without Docker (GoDownload=Local).
/// </summary>
public sealed class LocalModuleDownloader
{
    private readonly string _go;

    public LocalModuleDownloader(string go = "go") => _go = go;

    public async Task<bool> IsAvailableAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await Cli.Wrap(_go).WithArguments(["version"]).WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(cancellationToken).ConfigureAwait(false);
            LastProblem = result.ExitCode == 0 ? null : $"go version exited with {result.ExitCode}: {result.StandardError.Trim()}";
            return result.ExitCode == 0;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            LastProblem = e.Message;
            return false;
        }
    }

    /// <summary>Why the last availability check failed, for the message that says the stage was skipped.</summary>
    public string? LastProblem { get; private set; }

    public async Task<DockerBuildResult> RunAsync(GoProjectSettings settings, Action<string> onLine, CancellationToken cancellationToken)
    {
        var output = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        // The same Go environment as the image's, GOTOOLCHAIN=local included: never fetch a toolchain mid-build.
        var env = BuildEnvironment.Of(settings).ToDictionary(p => p.Key, p => (string?)p.Value);
        var directory = Path.GetDirectoryName(settings.GoModFile)!;
        foreach (string[] args in new[] { new[] { "mod", "download", "-x" }, new[] { "mod", "verify" } })
        {
            var result = await Cli.Wrap(_go).WithArguments(args).WithWorkingDirectory(directory)
                .WithEnvironmentVariables(env)
                .WithValidation(CommandResultValidation.None)
                .WithStandardOutputPipe(PipeTarget.ToDelegate(l => { lock (output) { output.Append(l).Append('\n'); } onLine(l); }))
                .WithStandardErrorPipe(PipeTarget.ToDelegate(l => { lock (output) { output.Append(l).Append('\n'); } onLine(l); }))
                .ExecuteAsync(cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                return new DockerBuildResult(result.ExitCode, output.ToString(), stopwatch.Elapsed);
            }
        }
        return new DockerBuildResult(0, output.ToString(), stopwatch.Elapsed);
    }
}
