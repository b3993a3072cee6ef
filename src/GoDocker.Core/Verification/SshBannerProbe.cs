using System.Net.Sockets;
using System.Text;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Verification;

/// <summary>
/// Whether an SSH server answers where git in the build will connect: DNS, TCP, then the server's identification
/// line (<c>SSH-2.0-…</c>, RFC 4253 4.2; lines before it are allowed). No key exchange: the host key is checked by
/// ssh in the build against the KnownHosts file (GD7014 checks that file lists the host).
/// </summary>
public static class SshBannerProbe
{
    public static async Task<(IReadOnlyList<PhaseResult> Phases, string? Banner)> RunAsync(
        string host, int port, string purpose, string setting, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var phases = new List<PhaseResult>();
        var hostPort = $"{host}:{port}";
        var dns = await DnsProbe.RunAsync(host, purpose, setting, timeout, cancellationToken).ConfigureAwait(false);
        phases.Add(dns.Phase);
        if (!dns.Passed)
        {
            return (phases, null);
        }
        var tcp = await TcpConnectProbe.RunAsync(dns.Value!, port, hostPort, purpose, setting, timeout, cancellationToken).ConfigureAwait(false);
        phases.Add(tcp.Phase);
        if (!tcp.Passed)
        {
            return (phases, null);
        }
        await using var stream = new NetworkStream(tcp.Value!, ownsSocket: true);
        var banner = await PhaseTimer.RunAsync<string>(
            ProbePhase.Ssh,
            timeout,
            async ct =>
            {
                var text = await ReadIdentificationAsync(stream, ct).ConfigureAwait(false);
                if (text is null)
                {
                    throw new InvalidDataException("it closed the connection without an identification line");
                }
                if (!text.StartsWith("SSH-2.0-", StringComparison.Ordinal) && !text.StartsWith("SSH-1.99-", StringComparison.Ordinal))
                {
                    throw new InvalidDataException($"it sent '{Printable(text)}'");
                }
                return (text, $"{hostPort} is {Printable(text)}");
            },
            (ex, stopwatch) => PhaseTimer.Fail<string>(ProbePhase.Ssh, stopwatch, ex.Message,
                DiagnosticCatalog.NotAnSshServer.Create(hostPort, purpose, ex.Message, setting)),
            stopwatch => PhaseTimer.Fail<string>(ProbePhase.Ssh, stopwatch, $"no SSH identification from {hostPort}",
                DiagnosticCatalog.ProbeTimedOut.Create(hostPort, PhaseTimer.Seconds(timeout), $"the SSH identification line, for {purpose}"),
                ProbeOutcome.TimedOut),
            cancellationToken).ConfigureAwait(false);
        phases.Add(banner.Phase);
        return (phases, banner.Value);
    }

    // The identification line is at most 255 bytes; a server may send other lines first (at most a few KiB here).
    private static async Task<string?> ReadIdentificationAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            length += read;
            var text = Encoding.ASCII.GetString(buffer, 0, length);
            foreach (var line in text.Split('\n')[..^1])
            {
                if (line.StartsWith("SSH-", StringComparison.Ordinal))
                {
                    return line.TrimEnd('\r');
                }
            }
        }
        var all = Encoding.ASCII.GetString(buffer, 0, length).Split('\n')[0].TrimEnd('\r');
        return length == 0 ? null : all;
    }

    private static string Printable(string text)
    {
        var cleaned = new string(text.Select(c => c is >= ' ' and < (char)127 ? c : '?').ToArray());
        return cleaned.Length > 80 ? cleaned[..80] + "…" : cleaned;
    }
}
