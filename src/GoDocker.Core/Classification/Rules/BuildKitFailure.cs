using System.Text.RegularExpressions;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// Reads the end of a failed BuildKit step: the final error line (<c>failed to solve ...</c>, <c>ERROR: ...</c>) and
/// its reason with BuildKit's wrappers (<c>failed to solve with frontend dockerfile.v0:</c>, <c>rpc error: code =
/// Unknown desc =</c>) removed, since users need the innermost cause.
/// </summary>
public static partial class BuildKitFailure
{
    /// <summary>The first line at or after <paramref name="from"/> that carries BuildKit's final error.</summary>
    public static int? FinalErrorLine(BuildOutput output, int from)
    {
        for (var i = Math.Max(0, from); i < output.Lines.Count; i++)
        {
            if (FinalError().IsMatch(output.Lines[i]))
            {
                return i;
            }
        }
        return null;
    }

    public static string Reason(string line)
    {
        var at = FinalError().Match(line);
        var reason = at.Success ? line[at.Index..] : line;
        string before;
        do
        {
            before = reason;
            reason = Wrapper().Replace(reason, "", 1).Trim();
        }
        while (reason != before);
        // A flattened log runs on into the caller's make output.
        var make = reason.IndexOf(" make: ***", StringComparison.Ordinal);
        return make > 0 ? reason[..make].Trim() : reason;
    }

    [GeneratedRegex(@"(?:^|\s)(?:ERROR: |error: )?(?:failed to solve|failed to build|executor failed running|process ""[^""]*"" did not complete successfully)|^ERROR: |^Error: building at STEP ")]
    private static partial Regex FinalError();

    [GeneratedRegex(@"^(?:Error: buildx failed with: |Error: (?=building at STEP )|ERROR: |error: |failed to build: |failed to solve(?: with frontend [\w.]+)?: |failed to create LLB definition: |rpc error: code = \w+ desc = )")]
    private static partial Regex Wrapper();
}
