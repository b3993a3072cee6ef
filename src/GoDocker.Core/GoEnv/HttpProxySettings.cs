using System.Globalization;
using System.Net;
using System.Net.Sockets;
using GoDocker.Core.Modules;

namespace GoDocker.Core.GoEnv;

/// <summary>
/// HTTP_PROXY, HTTPS_PROXY and NO_PROXY as Go's HTTP client applies them (golang.org/x/net/http/httpproxy, which
/// net/http embeds): the proxy by request scheme; values without a scheme get http://; localhost and loopback
/// addresses are never proxied; NO_PROXY entries are '*', IPs, CIDRs, domains (suffix match, a leading '.' or
/// "*." means subdomains only) with optional ports; under CGI (REQUEST_METHOD set) HTTP_PROXY is refused.
/// </summary>
public sealed record HttpProxySettings(string HttpProxy, string HttpsProxy, string NoProxy, bool Cgi)
{
    public static HttpProxySettings None { get; } = new(string.Empty, string.Empty, string.Empty, false);

    public const string CgiError = "refusing to use HTTP_PROXY value in CGI environment; see golang.org/s/cgihttpproxy";

    /// <summary>Reads the variables as httpproxy.FromEnvironment does: upper case first, then lower case; empty means unset.</summary>
    public static HttpProxySettings FromEnvironment(IEnvironmentSource environment)
    {
        string Any(string upper, string lower)
        {
            var value = environment.GetVariable(upper);
            if (!string.IsNullOrEmpty(value))
            {
                return value;
            }
            return environment.GetVariable(lower) ?? string.Empty;
        }

        return new HttpProxySettings(Any("HTTP_PROXY", "http_proxy"), Any("HTTPS_PROXY", "https_proxy"), Any("NO_PROXY", "no_proxy"),
            !string.IsNullOrEmpty(environment.GetVariable("REQUEST_METHOD")));
    }

    /// <summary>The proxy Go would use for <paramref name="requestUrl"/>.</summary>
    public HttpProxyDecision ProxyFor(string requestUrl)
    {
        if (!GoUrl.TryParse(requestUrl, out var url, out var error))
        {
            return new HttpProxyDecision(null, error, "the request URL does not parse");
        }
        string? proxy = null;
        string variable;
        if (url.Scheme == "https")
        {
            proxy = ParseProxy(HttpsProxy);
            variable = "HTTPS_PROXY";
        }
        else if (url.Scheme == "http")
        {
            proxy = ParseProxy(HttpProxy);
            variable = "HTTP_PROXY";
            if (proxy is not null && Cgi)
            {
                return new HttpProxyDecision(null, CgiError, "REQUEST_METHOD is set (CGI)");
            }
        }
        else
        {
            return new HttpProxyDecision(null, null, $"no proxy applies to scheme '{url.Scheme}'");
        }
        if (proxy is null)
        {
            return new HttpProxyDecision(null, null, $"{variable} is not set");
        }
        var reason = WhyNotProxied(CanonicalAddress(url));
        return reason is null
            ? new HttpProxyDecision(proxy, null, $"{variable} applies")
            : new HttpProxyDecision(null, null, reason);
    }

    public HttpProxyDecision ProxyFor(Uri requestUri) => ProxyFor(requestUri.OriginalString);

    // httpproxy.parseProxy: a value without scheme or host is retried as http://value; unusable values are ignored.
    private static string? ParseProxy(string proxy)
    {
        if (proxy.Length == 0)
        {
            return null;
        }
        var ok = GoUrl.TryParse(proxy, out var url, out _);
        if (!ok || url.Scheme.Length == 0 || url.Host.Length == 0)
        {
            if (GoUrl.TryParse("http://" + proxy, out var retried, out _))
            {
                return retried.ToString();
            }
        }
        return ok ? url.ToString() : null;
    }

    private static string CanonicalAddress(GoUrl url)
    {
        var host = ToAscii(url.Hostname);
        var port = url.Port;
        if (port.Length == 0)
        {
            port = url.Scheme switch
            {
                "http" => "80",
                "https" => "443",
                "socks5" => "1080",
                _ => string.Empty,
            };
        }
        return host.Contains(':') ? $"[{host}]:{port}" : $"{host}:{port}";
    }

    /// <summary>httpproxy's useProxy, inverted: why a direct connection is made, or null to use the proxy.</summary>
    private string? WhyNotProxied(string address)
    {
        if (address.Length == 0)
        {
            return null;
        }
        if (!TrySplitHostPort(address, out var host, out var port))
        {
            return "the address has no valid port";
        }
        if (host == "localhost")
        {
            return "localhost is never proxied";
        }
        var ip = ParseIp(host);
        if (ip is not null && IPAddress.IsLoopback(ip))
        {
            return "loopback addresses are never proxied";
        }
        host = GoStrings.TrimSpace(host).ToLowerInvariant();
        foreach (var entry in NoProxyEntries())
        {
            if (entry.Matches(host, port, ip))
            {
                return $"NO_PROXY entry '{entry.Text}' matches";
            }
        }
        return null;
    }

    private abstract record NoProxyEntry(string Text)
    {
        public abstract bool Matches(string host, string port, IPAddress? ip);
    }

    private sealed record AllEntry(string Text) : NoProxyEntry(Text)
    {
        public override bool Matches(string host, string port, IPAddress? ip) => true;
    }

    private sealed record CidrEntry(string Text, IPAddress Network, int PrefixLength) : NoProxyEntry(Text)
    {
        public override bool Matches(string host, string port, IPAddress? ip) => ip is not null && InNetwork(ip, Network, PrefixLength);
    }

    private sealed record IpEntry(string Text, IPAddress Ip, string Port) : NoProxyEntry(Text)
    {
        public override bool Matches(string host, string port, IPAddress? ip) =>
            ip is not null && Normalize(ip).Equals(Normalize(Ip)) && (Port.Length == 0 || Port == port);
    }

    private sealed record DomainEntry(string Text, string Suffix, string Port, bool MatchHost) : NoProxyEntry(Text)
    {
        public override bool Matches(string host, string port, IPAddress? ip) =>
            (host.EndsWith(Suffix, StringComparison.Ordinal) || (MatchHost && host == Suffix[1..])) && (Port.Length == 0 || Port == port);
    }

    // httpproxy's config.init: IP and CIDR entries are tried before domain entries; '*' disables proxying.
    private IEnumerable<NoProxyEntry> NoProxyEntries()
    {
        var ips = new List<NoProxyEntry>();
        var domains = new List<NoProxyEntry>();
        foreach (var item in NoProxy.Split(','))
        {
            var p = GoStrings.TrimSpace(item).ToLowerInvariant();
            if (p.Length == 0)
            {
                continue;
            }
            if (p == "*")
            {
                return [new AllEntry(p)];
            }
            if (TryParseCidr(p, out var network, out var bits))
            {
                ips.Add(new CidrEntry(p, network, bits));
                continue;
            }
            string phost;
            var pport = string.Empty;
            if (TrySplitHostPort(p, out var splitHost, out var splitPort))
            {
                if (splitHost.Length == 0)
                {
                    continue;
                }
                phost = splitHost.StartsWith('[') && splitHost.EndsWith(']') ? splitHost[1..^1] : splitHost;
                pport = splitPort;
            }
            else
            {
                phost = p;
            }
            if (ParseIp(phost) is { } pip)
            {
                ips.Add(new IpEntry(p, pip, pport));
                continue;
            }
            if (phost.Length == 0)
            {
                continue;
            }
            if (phost.StartsWith("*.", StringComparison.Ordinal))
            {
                phost = phost[1..];
            }
            var matchHost = false;
            if (phost[0] != '.')
            {
                matchHost = true;
                phost = "." + phost;
            }
            domains.Add(new DomainEntry(p, ToAscii(phost), pport, matchHost));
        }
        return ips.Concat(domains);
    }

    private static string ToAscii(string host)
    {
        if (host.All(c => c < 0x80))
        {
            return host;
        }
        try
        {
            var leadingDot = host.StartsWith('.');
            var ascii = new IdnMapping().GetAscii(leadingDot ? host[1..] : host);
            return leadingDot ? "." + ascii : ascii;
        }
        catch (ArgumentException)
        {
            return host;
        }
    }

    // net.SplitHostPort, enough for canonical addresses and NO_PROXY entries.
    private static bool TrySplitHostPort(string hostPort, out string host, out string port)
    {
        host = port = string.Empty;
        var colon = hostPort.LastIndexOf(':');
        if (colon < 0)
        {
            return false;
        }
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']');
            if (close < 0 || close + 1 != colon)
            {
                return false;
            }
            host = hostPort[1..close];
        }
        else
        {
            host = hostPort[..colon];
            if (host.Contains(':'))
            {
                return false;
            }
        }
        port = hostPort[(colon + 1)..];
        return true;
    }

    // net.ParseIP: dotted-quad IPv4 (no leading zeros) or IPv6 without a zone.
    internal static IPAddress? ParseIp(string text)
    {
        if (text.Length == 0 || text.Contains('%'))
        {
            return null;
        }
        if (!text.Contains(':'))
        {
            var parts = text.Split('.');
            if (parts.Length != 4 || parts.Any(p => p.Length == 0 || p.Length > 3 || !p.All(char.IsAsciiDigit) || (p.Length > 1 && p[0] == '0') || int.Parse(p, CultureInfo.InvariantCulture) > 255))
            {
                return null;
            }
        }
        else if (!text.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.'))
        {
            return null;
        }
        return IPAddress.TryParse(text, out var ip) ? ip : null;
    }

    private static bool TryParseCidr(string text, out IPAddress network, out int bits)
    {
        network = IPAddress.None;
        bits = 0;
        var slash = text.IndexOf('/');
        if (slash < 0)
        {
            return false;
        }
        var ip = ParseIp(text[..slash]);
        var prefix = text[(slash + 1)..];
        if (ip is null || prefix.Length == 0 || prefix.Length > 3 || !prefix.All(char.IsAsciiDigit) || (prefix.Length > 1 && prefix[0] == '0'))
        {
            return false;
        }
        bits = int.Parse(prefix, CultureInfo.InvariantCulture);
        var max = ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (bits > max)
        {
            return false;
        }
        network = ip;
        return true;
    }

    private static IPAddress Normalize(IPAddress ip) => ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;

    private static bool InNetwork(IPAddress ip, IPAddress network, int bits)
    {
        var a = Normalize(ip).GetAddressBytes();
        var b = Normalize(network).GetAddressBytes();
        if (a.Length != b.Length)
        {
            return false;
        }
        for (var i = 0; i < bits; i++)
        {
            var mask = (byte)(0x80 >> (i % 8));
            if ((a[i / 8] & mask) != (b[i / 8] & mask))
            {
                return false;
            }
        }
        return true;
    }
}
