using System.Diagnostics;
using System.Text;

namespace GoDocker.Core.Docker;

/// <summary>
/// Runs one docker build through the CLI, streaming each output line as it comes. Cancelling kills the docker
/// child at once, which makes the engine cancel the build.
/// </summary>
/// <remarks>
/// <see cref="Process"/> with one blocking reader thread per stream rather than asynchronous pipe reads: the build
/// task runs in a fresh MSBuild process on every CI build, where first-time set-up of asynchronous pipe I/O (and of
/// a process library on top) cost more than a cached deps stage takes. Two idle threads for one build cost nothing.
/// </remarks>
public sealed class DockerBuildRunner
{
    private readonly DockerCli _cli;

    public DockerBuildRunner(DockerCli cli) => _cli = cli;

    public async Task<DockerBuildResult> RunAsync(
        IReadOnlyList<string> buildArguments,
        string workingDirectory,
        Action<string> onLine,
        IReadOnlyDictionary<string, string?>? environment,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var output = new StringBuilder();
        var gate = new object();
        void Line(string line)
        {
            lock (gate)
            {
                output.Append(line).Append('\n');
                onLine(line);
            }
        }

        var start = new ProcessStartInfo(_cli.Path)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var word in _cli.BuildCommand.Concat(buildArguments))
        {
            start.ArgumentList.Add(word);
        }
        foreach (var (key, value) in _cli.Environment.Concat(environment ?? new Dictionary<string, string?>()))
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.Start();
        // Nothing to send: docker reads no input for a build from a context folder.
        process.StandardInput.Close();
        using (cancellationToken.Register(() => Kill(process)))
        {
            var stdout = Pump(process.StandardOutput, Line);
            var stderr = Pump(process.StandardError, Line);
            await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        cancellationToken.ThrowIfCancellationRequested();
        return new DockerBuildResult(process.ExitCode, output.ToString(), stopwatch.Elapsed);
    }

    private static Task Pump(StreamReader reader, Action<string> onLine) =>
        Task.Factory.StartNew(() =>
        {
            while (reader.ReadLine() is { } line)
            {
                onLine(line);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already exited.
        }
    }
}
