using System.Collections.Immutable;
using GoDocker.Core.BuildGateways;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Docker;
using GoDocker.Core.Dockerfiles;
using GoDocker.Core.Projects;
using GoDocker.Core.Testing;

namespace GoDocker.Core.Operations;

/// <summary>
/// Test, as `dotnet test` (GoDockerTest) and `godocker test` both run it: the generated Dockerfile's test stage, its
/// go test -json exported with the test-results stage, read into diagnostics at the test lines, a summary line and
/// a TRX file in the results folder.
/// </summary>
public static class TestOperation
{
    public static async Task<GoTestOutcomeReport> RunAsync(GoProject project, string resultsDirectory, string? gatewayAssembly, IOperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        var settings = project.Settings;
        var name = Path.GetFileName(settings.ProjectPath);
        var projectLocation = settings.Positions.Property(ProjectSettingCatalog.GoTestPackages.Name);
        var stateDirectory = Path.GetDirectoryName(Path.GetFullPath(settings.DockerfilePath))!;
        var outputDirectory = Path.Combine(stateDirectory, "test");
        if (Directory.Exists(outputDirectory))
        {
            Directory.Delete(outputDirectory, recursive: true); // never read the results of an earlier run
        }

        DockerCli cli;
        try
        {
            cli = await new ContainerEngineSelector().SelectAsync(settings, stateDirectory, cancellationToken).ConfigureAwait(false);
        }
        catch (DiagnosticException e)
        {
            return Failed(e.Diagnostic, name);
        }

        if (await new BuildxBuilderProbe().CheckAsync(cli, settings, log.Detail, cancellationToken).ConfigureAwait(false) is { } builderProblem)
        {
            return Failed(builderProblem, name);
        }

        var command = DockerBuildCommand.For(settings, settings.DockerfilePath).ForTestResults(outputDirectory).WithProgress("plain");
        log.Progress($"Running go test in Docker: {string.Join(' ', settings.TestFlags.Concat(settings.TestPackages))}, target {DockerfileWriter.TestResultsStage}");
        var start = DateTimeOffset.UtcNow;
        var result = await BuildGateway.AroundAsync(gatewayAssembly, settings, log,
            gateway => RunBuildAsync(cli, command.WithGateway(gateway), log, cancellationToken), cancellationToken).ConfigureAwait(false);
        var finish = DateTimeOffset.UtcNow;
        if (!result.Succeeded)
        {
            if (DockerEngineProbe.IsEngineUnreachable(result.Output))
            {
                var why = await new DockerEngineProbe(DockerEndpoint.FromEnvironment()).DiagnoseAsync(TimeSpan.FromSeconds(10), result.Output, cancellationToken).ConfigureAwait(false);
                return Failed(why, name);
            }
            return Failed(DiagnosticCatalog.GoTestStageFailed.Create(projectLocation, name, Tail(result.Output)), name);
        }

        var results = Path.Combine(outputDirectory, DockerfileWriter.TestResultsFolder.TrimStart('/'));
        if (!File.Exists(Path.Combine(results, DockerfileWriter.TestExitFile)))
        {
            return Failed(DiagnosticCatalog.GoTestStageFailed.Create(projectLocation, name, $"docker exported no {DockerfileWriter.TestExitFile} to {outputDirectory}"), name);
        }
        var json = ReadOrEmpty(Path.Combine(results, DockerfileWriter.TestJsonFile));
        var stderr = ReadOrEmpty(Path.Combine(results, DockerfileWriter.TestStderrFile));
        var run = GoTestJsonReader.Read(json, stderr);
        var modulePath = GoTestSourceMap.ReadModulePath(ReadOrEmpty(settings.GoModFile));
        var map = new GoTestSourceMap(Path.GetDirectoryName(settings.GoModFile)!, modulePath, settings.DockerContext);
        var diagnostics = GoTestDiagnostics.For(run, map, string.Join(' ', settings.TestPackages), projectLocation).ToImmutableArray();
        if (run.Succeeded && ReadOrEmpty(Path.Combine(results, DockerfileWriter.TestExitFile)).Trim() is { Length: > 0 } exit && exit != "0" && diagnostics.All(d => !d.IsError))
        {
            // go test failed and nothing above says why: say so rather than pass.
            diagnostics = diagnostics.Add(DiagnosticCatalog.GoTestPackageFailed.Create(projectLocation, string.Join(' ', settings.TestPackages), $"go test exited with status {exit}: {Tail(stderr + json)}"));
        }

        var messages = diagnostics.Where(d => d.Descriptor == DiagnosticCatalog.GoTestFailed || d.Descriptor == DiagnosticCatalog.GoTestPanicked)
            .Select(d => (Diagnostic: d, Test: run.Tests.FirstOrDefault(t => t.Outcome == GoTestOutcome.Failed && d.Message.StartsWith(t.Name + " ", StringComparison.Ordinal))))
            .Where(x => x.Test is not null)
            .GroupBy(x => (x.Test!.Package, x.Test.Name))
            .ToDictionary(g => g.Key, g => g.First().Diagnostic.ToString());
        var trxPath = Path.Combine(Path.GetFullPath(resultsDirectory), Path.GetFileNameWithoutExtension(name) + ".trx");
        TrxWriter.Write(TrxWriter.Create(run, name, start, finish, messages), trxPath);
        // The front ends print the summary where a user of dotnet test looks for it.
        return new GoTestOutcomeReport(run, diagnostics, trxPath, run.Summary(name));
    }

    private static GoTestOutcomeReport Failed(Diagnostic why, string name) => new(null, [why], null, $"Failed!  - go test did not run - {name}");

    private static string ReadOrEmpty(string path) => File.Exists(path) ? File.ReadAllText(path) : "";

    private static string Tail(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "docker build printed nothing" : string.Join(" | ", lines.TakeLast(6));
    }

    /// <summary>One docker build of a target, with the gateway's URL (GoModCacheMode=Gateway) and the layer caches this CLI takes.</summary>
    internal static Task<DockerBuildResult> RunBuildAsync(DockerCli cli, DockerBuildCommand command, IOperationLog log, CancellationToken cancellationToken) =>
        new DockerBuildRunner(cli).RunAsync(command.BuildArgumentsFor(cli), command.ContextDirectory, log.Detail, command.ProcessEnvironment, cancellationToken);
}
