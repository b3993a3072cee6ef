namespace GoDocker.Core.Verification;

/// <summary>The steps a request to an endpoint goes through, in the order the go command's HTTP client takes them.</summary>
public enum ProbePhase
{
    Dns,
    Tcp,
    ProxyConnect,
    Tls,
    Http,
    /// <summary>An SSH server's identification line, for git over SSH.</summary>
    Ssh,
}
