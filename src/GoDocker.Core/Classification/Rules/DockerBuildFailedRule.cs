using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD5005, the fallback for a docker build that failed for a reason no other rule names: BuildKit's final error
/// (<c>failed to solve: process ... did not complete successfully</c>) plus the last lines the failing step printed,
/// which is where the real cause is. Buildah's final error (<c>Error: building at STEP "…": while running runtime: exit
/// status 1</c>) is read the same way.
/// </summary>
public sealed partial class DockerBuildFailedRule : IOutputRule
{
    public const int ContextLines = 8;

    public IEnumerable<OutputFinding> Find(BuildOutput output)
    {
        var failures = Enumerable.Range(0, output.Lines.Count).Where(i => Failure().IsMatch(output.Lines[i])).ToList();
        if (failures.Count == 0)
        {
            yield break;
        }
        var first = failures[0];
        var last = failures[^1];
        var reason = BuildKitFailure.Reason(output.Lines[last]);
        var stepOutput = output.Lines.Take(first).Where(BuildOutput.IsMeaningful).Where(l => !StepHeader().IsMatch(l)).ToList();
        var context = stepOutput.Skip(Math.Max(0, stepOutput.Count - ContextLines)).Select(l => "  " + l.Trim());
        var message = stepOutput.Count == 0 ? reason : reason + "\nLast lines of output:\n" + string.Join('\n', context);
        yield return new OutputFinding(DiagnosticCatalog.DockerBuildFailed, [message], PositionHint.None, first, last, DiagnosticCatalog.DockerBuildFailed.Code);
    }

    // Buildah (podman build): 'Error: building at STEP "RUN …": while running runtime: exit status 1'.
    [GeneratedRegex(@"failed to solve|executor failed running|did not complete successfully|returned a non-zero code|^Error: building at STEP ")]
    private static partial Regex Failure();

    // BuildKit's step headers and summaries repeat the Dockerfile, not what the step printed.
    [GeneratedRegex(@"^\s*(?:\[[^\]]*\] |> \[|=> |ERROR |Step \d+/\d+ : |---> |STEP \d+/\d+: |--> )")]
    private static partial Regex StepHeader();
}
