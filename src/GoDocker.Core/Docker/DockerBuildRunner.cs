using System.Diagnostics;
using System.Text;
using CliWrap;

namespace GoDocker.Core.Docker;

/// <summary>
/// Runs one docker build through the CLI, streaming each output line as it comes. Cancelling kills the docker
/// child at once, which makes the engine cancel the build.
/// </summary>
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

        var env = new Dictionary<string, string?>(_cli.Environment);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            env[key] = value;
        }

        var stopwatch = Stopwatch.StartNew();
        var command = Cli.Wrap(_cli.Path)
            .WithArguments([.. _cli.BuildCommand, .. buildArguments])
            .WithWorkingDirectory(workingDirectory)
            .WithEnvironmentVariables(env)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(Line))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(Line));
        var result = await command.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        return new DockerBuildResult(result.ExitCode, output.ToString(), stopwatch.Elapsed);
    }
}
