using System.Text.RegularExpressions;

namespace GoDocker.Core.Credentials;

/// <summary>
/// What the go command in the image read for credentials, from the line the download stage prints when it fails
/// (<see cref="Dockerfiles.DockerfileWriter.NetrcReportPrefix"/>): the netrc path ($NETRC, else $HOME/.netrc), whether
/// that user could read it, the image's Go and GOAUTH, HOME and uid.
/// </summary>
public sealed partial record NetrcReadReport(string File, string State, string? GoVersion, string GoAuth, string Home, string Uid)
{
    public bool Readable => State == "readable";

    /// <summary>The last report in a build log, or null when the stage printed none (it succeeded, or an older Dockerfile).</summary>
    public static NetrcReadReport? Find(string output)
    {
        NetrcReadReport? last = null;
        foreach (Match m in ReportRegex().Matches(output))
        {
            var go = m.Groups["go"].Value;
            last = new NetrcReadReport(m.Groups["file"].Value, m.Groups["state"].Value,
                go.StartsWith("go", StringComparison.Ordinal) && go.Length > 2 ? go[2..] : null,
                m.Groups["goauth"].Value.Trim(), m.Groups["home"].Value, m.Groups["uid"].Value);
        }
        return last;
    }

    /// <summary>Go's credential rules as that image applies them (GOAUTH as go env printed it; unset before Go 1.24).</summary>
    public GoCredentialRules Rules(GoEnv.GoAuthSetting fallback) =>
        new(GoVersion, GoAuth.Length > 0 && GoEnv.GoAuthSetting.Parse(GoAuth) is { IsValid: true } auth ? auth.Value : fallback);

    /// <summary>"/.netrc, which does not exist (Go 1.19.8, uid 0, HOME=/)".</summary>
    public override string ToString()
    {
        var state = State switch
        {
            "readable" => "which it could read",
            "unreadable" => $"which uid {Uid} may not read",
            _ => "which does not exist",
        };
        var auth = GoAuth.Length > 0 ? $", GOAUTH={GoAuth}" : "";
        return $"{File}, {state} (Go {GoVersion ?? "?"}, uid {Uid}, HOME={Home}{auth})";
    }

    [GeneratedRegex(@"godocker-netrc: file=(?<file>\S*) state=(?<state>\w+) go=(?<go>\S*) home=(?<home>\S*) uid=(?<uid>\S*) goauth=(?<goauth>[^\r\n]*)")]
    private static partial Regex ReportRegex();
}
