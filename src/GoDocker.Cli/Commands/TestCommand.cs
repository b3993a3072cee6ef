using System.CommandLine;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Operations;

namespace GoDocker.Cli.Commands;

/// <summary>`godocker test`: writes the Dockerfile and runs its test stage (go test -json), as `dotnet test` on the .goproj does.</summary>
internal static class TestCommand
{
    public static Command Create()
    {
        var resultsDirectory = new Option<string?>("--results-directory")
        {
            Description = "Where the TRX file is written (default: TestResults beside the project).",
        };
        return ProjectStepsCommand.Create("test",
            "Run go test -json in the Dockerfile's test stage: failed tests at their _test.go lines, a summary and a TRX file.",
            async (project, parse, log, diagnostics, cancellationToken) =>
            {
                if (project.HasErrors)
                {
                    return;
                }
                var results = parse.GetValue(resultsDirectory) is { Length: > 0 } given
                    ? Path.GetFullPath(given)
                    : Path.Combine(project.Settings.ProjectDirectory, "TestResults");
                var outcome = await TestOperation.RunAsync(project, results, ProjectContext.GatewayAssembly, log, cancellationToken);
                diagnostics.AddRange(outcome.Diagnostics);
                log.Progress(outcome.Summary);
                if (outcome.TrxPath is not null)
                {
                    log.Progress($"Results File: {outcome.TrxPath}");
                }
            },
            resultsDirectory);
    }
}
