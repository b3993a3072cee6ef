using GoDocker.Core.Diagnostics;
using GoDocker.Core.Operations;
using GoDocker.Core.Projects;
using GoDocker.Core.Testing;
using Microsoft.Build.Framework;

namespace GoDocker.Tasks;

/// <summary>Runs the Dockerfile's test stage and reports failed tests at their _test.go lines, with a TRX file.</summary>
public sealed class GoDockerTest : GoProjectTask
{
    /// <summary>Where the TRX file goes (dotnet test --results-directory, else TestResults/ beside the project).</summary>
    public string ResultsDirectory { get; set; } = "";

    /// <summary>GoDocker.TestHost.dll, which dotnet test starts for the request (checked with it, GD8025).</summary>
    public string TestHostAssembly { get; set; } = "";

    /// <summary>
    /// Set by _MTPBuild: write the evaluated project here for the test application dotnet test runs in
    /// Microsoft.Testing.Platform mode (GoDocker.TestHost), instead of running the tests now.
    /// </summary>
    public string TestApplicationRequest { get; set; } = "";

    protected override async System.Threading.Tasks.Task ExecuteAsync(IOperationLog log, CancellationToken cancellationToken)
    {
        if (TestApplicationRequest.Length > 0)
        {
            if (!File.Exists(TestHostAssembly))
            {
                log.Report(DiagnosticCatalog.GoTestHostMissing.Create(SourceLocationOfProject(), TestHostAssembly, Path.GetFileName(ProjectPath)));
                return;
            }
            WriteTestApplicationRequest();
            return;
        }
        var project = LoadProject();
        if (project.HasErrors)
        {
            return; // GoDockerGenerate reported them.
        }
        var resultsDirectory = ResultsDirectory.Length > 0 ? ResultsDirectory : Path.Combine(Path.GetDirectoryName(ProjectPath)!, "TestResults");
        var outcome = await TestOperation.RunAsync(project, resultsDirectory, ProxyGatewayAssembly, log, cancellationToken).ConfigureAwait(false);
        foreach (var d in outcome.Diagnostics)
        {
            log.Report(d);
        }
        // High importance: dotnet test shows it at its default (minimal) verbosity, as it does a .NET project's summary.
        Log.LogMessage(MessageImportance.High, "{0}", outcome.Summary);
        if (outcome.TrxPath is not null)
        {
            Log.LogMessage(MessageImportance.High, "Results File: {0}", outcome.TrxPath);
        }
    }

    private void WriteTestApplicationRequest()
    {
        var input = new GoProjectInput(ProjectPath)
        {
            Properties = Settings.ToDictionary(i => i.ItemSpec, i => i.GetMetadata("Value"), StringComparer.OrdinalIgnoreCase),
            CaCertificates = [.. CaCertificates.Select(i => i.GetMetadata("FullPath") is { Length: > 0 } full ? full : i.ItemSpec)],
            BuildSecrets = [.. BuildSecrets.Select(i => new ProjectItem(i.ItemSpec, name => i.GetMetadata(name)))],
            EnvironmentVariables = [.. EnvironmentVariables.Select(i => new ProjectItem(i.ItemSpec, name => i.GetMetadata(name)))],
            ImageLabels = [.. ImageLabels.Select(i => new ProjectItem(i.ItemSpec, name => i.GetMetadata(name)))],
        };
        var resultsDirectory = ResultsDirectory.Length > 0 ? ResultsDirectory : Path.Combine(Path.GetDirectoryName(ProjectPath)!, "TestResults");
        new GoTestApplicationRequest(input, resultsDirectory, ProxyGatewayAssembly.Length > 0 ? ProxyGatewayAssembly : null).Write(TestApplicationRequest);
    }

    private SourceLocation SourceLocationOfProject() => new(ProjectPath);
}
