using Microsoft.Build.Evaluation;
using Microsoft.Build.Execution;

namespace GoDocker.Sdk.Targets.Tests.Infrastructure;

/// <summary>
/// Runs targets of a project in this process with MSBuild's build manager, as `dotnet build` would in its own node.
/// The build manager runs one build at a time, so concurrent tests take turns.
/// </summary>
public static class InProcessBuild
{
    private static readonly Lock Turn = new();

    /// <summary>What `dotnet build` does first: a restore in its own evaluation, whose generated imports the build then reads.</summary>
    public static BuildEventRecorder Restore(string projectPath, IReadOnlyDictionary<string, string>? globalProperties = null)
    {
        var properties = Properties(globalProperties);
        properties["MSBuildRestoreSessionId"] = Guid.NewGuid().ToString("D");
        properties["MSBuildIsRestoring"] = "true";
        properties["ExcludeRestorePackageImports"] = "true";
        return Run(projectPath, properties, ["Restore"],
            BuildRequestDataFlags.ClearCachesAfterBuild | BuildRequestDataFlags.SkipNonexistentTargets
            | BuildRequestDataFlags.IgnoreMissingEmptyAndInvalidImports | BuildRequestDataFlags.FailOnUnresolvedSdk);
    }

    public static BuildEventRecorder Build(string projectPath, IReadOnlyDictionary<string, string>? globalProperties = null, params string[] targets) =>
        Run(projectPath, Properties(globalProperties), targets, BuildRequestDataFlags.None);

    private static Dictionary<string, string?> Properties(IReadOnlyDictionary<string, string>? globalProperties) =>
        globalProperties?.ToDictionary(p => p.Key, string? (p) => p.Value) ?? [];

    private static BuildEventRecorder Run(string projectPath, Dictionary<string, string?> globalProperties, string[] targets, BuildRequestDataFlags flags)
    {
        var recorder = new BuildEventRecorder();
        // A fresh collection per build, so a build reads the files restore just wrote rather than a cached evaluation.
        using var collection = new ProjectCollection();
        var parameters = new BuildParameters(collection)
        {
            Loggers = [recorder],
            EnableNodeReuse = false,
            MaxNodeCount = 1,
        };
        var request = new BuildRequestData(projectPath, globalProperties, null, targets, null, flags);
        BuildResult result;
        lock (Turn)
        {
            result = BuildManager.DefaultBuildManager.Build(parameters, request);
        }
        recorder.Succeeded = result.OverallResult == BuildResultCode.Success;
        return recorder;
    }
}
