namespace GoDocker.Core.Verification;

/// <summary>The steps a request to an endpoint goes through, in the order the go command's HTTP client takes them.</summary>
public enum ProbePhase
{
    Dns,
    Tcp,
    ProxyConnect,
    Tls,
    Http,
}
