using GoDocker.Core.GoEnv;

namespace GoDocker.Core.Projects;

/// <summary>Where a build's own gateway listens: the first GOPROXY entry, when it is a plain-http loopback URL with a port.</summary>
public static class BuildGatewayAddress
{
    /// <summary>The loopback host:port of the first GOPROXY entry, or null when it is not one a gateway can serve.</summary>
    public static string? ListenAddress(GoProxyList goProxy)
    {
        var first = goProxy.Entries.FirstOrDefault();
        if (first is not { IsProxy: true } || !Uri.TryCreate(first.Url, UriKind.Absolute, out var url)
            || url.Scheme != "http" || url.IsDefaultPort || !url.IsLoopback || url.UserInfo.Length > 0)
        {
            return null;
        }
        return url.Host == "localhost" ? $"127.0.0.1:{url.Port}" : $"{url.Host}:{url.Port}";
    }
}
