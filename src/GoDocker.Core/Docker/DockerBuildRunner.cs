using System.Diagnostics;
using System.IO.Pipes;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace GoDocker.Core.Docker;

/// <summary>
/// Runs one docker build through the CLI, streaming each output line as it comes. Cancelling kills the docker
/// child at once, which makes the engine cancel the build.
/// </summary>
/// <remarks>
/// Tuned for the build task, which runs in a fresh MSBuild process on every CI build where first-time set-up
/// costs more than a cached deps stage takes (build/bench/README.md): <see cref="Process"/> rather than a process
/// library, one blocking reader thread per stream over the raw pipe (a pipe stream's first read would set up the
/// runtime's socket engine), and the build waited for on the calling thread, so the task's async methods complete
/// without suspending and none of their continuations has to be JIT-compiled. Callers lose nothing: they wait for
/// the build either way, and cancellation still ends it at once.
/// </remarks>
public sealed class DockerBuildRunner
{
    private readonly DockerCli _cli;

    public DockerBuildRunner(DockerCli cli) => _cli = cli;

    public Task<DockerBuildResult> RunAsync(
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
            var stderr = new Thread(() => Pump(process.StandardError, Line)) { IsBackground = true, Name = "docker build stderr" };
            stderr.Start();
            Pump(process.StandardOutput, Line);
            stderr.Join();
            process.WaitForExit();
        }
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new DockerBuildResult(process.ExitCode, output.ToString(), stopwatch.Elapsed));
    }

    private static void Pump(StreamReader reader, Action<string> onLine)
    {
        using var raw = RawPipe(reader);
        while (raw.ReadLine() is { } line)
        {
            onLine(line);
        }
    }

    /// <summary>The same pipe read with plain read(2) calls; the process keeps owning the handle.</summary>
    private static StreamReader RawPipe(StreamReader reader) =>
        !OperatingSystem.IsWindows() && reader.BaseStream is PipeStream pipe
            ? new StreamReader(new FileStream(new SafeFileHandle(pipe.SafePipeHandle.DangerousGetHandle(), ownsHandle: false), FileAccess.Read, bufferSize: 0), Encoding.UTF8)
            : reader;

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
