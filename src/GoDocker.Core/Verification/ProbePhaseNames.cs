namespace GoDocker.Core.Verification;

/// <summary>The short phase names shown in summaries, tables and JSON.</summary>
public static class ProbePhaseNames
{
    public static string Of(ProbePhase phase) => phase switch
    {
        ProbePhase.Dns => "dns",
        ProbePhase.Tcp => "tcp",
        ProbePhase.ProxyConnect => "connect",
        ProbePhase.Tls => "tls",
        ProbePhase.Ssh => "ssh",
        _ => "http",
    };
}
