namespace GoDocker.ProxyGateway.Upstreams;

/// <summary>Fetches one GOPROXY file (path relative to a proxy base URL) from wherever the gateway gets modules.</summary>
public interface IUpstreamFetcher
{
    Task<UpstreamAnswer> FetchAsync(string relativeUrl, CancellationToken cancellationToken);
}
