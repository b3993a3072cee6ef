using System.Diagnostics;
using System.Text;
using CliWrap;

namespace GoDocker.Sdk.Tests.Infrastructure;

/// <summary>The result of a command the tests ran, with its interleaved output.</summary>
public sealed record CommandRun(int ExitCode, string Output, TimeSpan Duration)
{
    public static async Task<CommandRun> ExecuteAsync(string file, IEnumerable<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromMinutes(5));
        var output = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        void Append(string line)
        {
            lock (output)
            {
                output.Append(line).Append('\n');
            }
        }
        var result = await Cli.Wrap(file).WithArguments(args).WithWorkingDirectory(workingDirectory)
            .WithEnvironmentVariables(environment ?? new Dictionary<string, string?>())
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(Append))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(Append))
            .ExecuteAsync(cts.Token);
        return new CommandRun(result.ExitCode, output.ToString(), stopwatch.Elapsed);
    }

    public override string ToString() => $"exit {ExitCode} after {Duration.TotalSeconds:0.0} s:\n{Output}";
}
