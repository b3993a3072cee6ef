namespace GoDocker.Core.Verification;

/// <summary>
/// Hosts whose certificates always chain to a public root. A private root on one of them means TLS interception.
/// </summary>
public static class PublicHosts
{
    public static readonly IReadOnlySet<string> WellKnown = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "proxy.golang.org", "sum.golang.org", "index.golang.org", "golang.org", "go.dev", "goproxy.io", "goproxy.cn",
        "github.com", "codeload.github.com", "gitlab.com", "bitbucket.org", "gopkg.in", "go.googlesource.com",
        "storage.googleapis.com",
    };

    public static bool IsWellKnown(string host) => WellKnown.Contains(host.TrimEnd('.'));
}
