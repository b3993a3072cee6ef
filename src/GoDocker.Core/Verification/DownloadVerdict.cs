namespace GoDocker.Core.Verification;

/// <summary>
/// Whether module downloads can succeed and by which path, following GOPROXY's ',' and '|' in order, e.g.
/// "proxy 1 (…) unreachable (…); falls through to proxy 2 on `|`; proxy 2 (…) answered 200 OK; OK".
/// </summary>
public sealed record DownloadVerdict(bool CanDownload, IReadOnlyList<string> Steps)
{
    public string Summary => string.Join("; ", Steps.Append(CanDownload ? "OK" : "FAILS"));

    public override string ToString() => Summary;
}
