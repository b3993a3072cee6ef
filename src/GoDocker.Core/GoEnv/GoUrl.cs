using System.Globalization;

namespace GoDocker.Core.GoEnv;

/// <summary>
/// The parts of Go's <c>net/url.Parse</c> the go command's settings depend on: scheme, user info, host, port and
/// path, with Go's error text for the malformed inputs people actually type (control characters, missing scheme,
/// bad host characters, bad ports). Not a general URL parser.
/// </summary>
public sealed record GoUrl(string Scheme, string? UserInfo, string Host, string Path, string RawQuery, string Fragment, bool HasAuthority, string Opaque)
{
    public bool HasPassword => UserInfo is not null && UserInfo.Contains(':');

    /// <summary>The host without a port (brackets removed for IPv6), as <c>URL.Hostname()</c>.</summary>
    public string Hostname
    {
        get
        {
            var (host, _) = SplitPort(Host);
            return host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        }
    }

    /// <summary>The port, or empty, as <c>URL.Port()</c>.</summary>
    public string Port => SplitPort(Host).Port;

    /// <summary>Go's <c>URL.Redacted()</c>: the password is replaced by "xxxxx".</summary>
    public string Redacted()
    {
        var user = UserInfo;
        if (user is not null && user.IndexOf(':') is var colon and >= 0)
        {
            user = user[..colon] + ":xxxxx";
        }
        return Compose(user);
    }

    public override string ToString() => Compose(UserInfo);

    private string Compose(string? user)
    {
        var text = Scheme.Length > 0 ? Scheme + ":" : string.Empty;
        if (Opaque.Length > 0)
        {
            text += Opaque;
        }
        else
        {
            if (HasAuthority)
            {
                text += "//" + (user is null ? string.Empty : user + "@") + Host;
            }
            text += Path;
        }
        if (RawQuery.Length > 0)
        {
            text += "?" + RawQuery;
        }
        if (Fragment.Length > 0)
        {
            text += "#" + Fragment;
        }
        return text;
    }

    private static (string Host, string Port) SplitPort(string host)
    {
        var colon = host.LastIndexOf(':');
        if (colon >= 0 && colon > host.LastIndexOf(']'))
        {
            return (host[..colon], host[(colon + 1)..]);
        }
        return (host, string.Empty);
    }

    /// <summary>Parses like <c>url.Parse</c>; on failure <paramref name="error"/> is Go's message (<c>parse "…": …</c>).</summary>
    public static bool TryParse(string raw, out GoUrl url, out string error)
    {
        url = new GoUrl(string.Empty, null, string.Empty, string.Empty, string.Empty, string.Empty, false, string.Empty);
        error = string.Empty;
        string Fail(string why) => $"parse \"{raw}\": {why}";

        var rest = raw;
        var fragment = string.Empty;
        if (rest.IndexOf('#') is var hash and >= 0)
        {
            fragment = rest[(hash + 1)..];
            rest = rest[..hash];
        }
        if (rest.Any(c => c < 0x20 || c == 0x7f))
        {
            error = Fail("net/url: invalid control character in URL");
            return false;
        }
        if (rest.Length == 0)
        {
            url = url with { Fragment = fragment };
            return true;
        }

        var scheme = string.Empty;
        for (var i = 0; i < rest.Length; i++)
        {
            var c = rest[i];
            if (char.IsAsciiLetter(c))
            {
                continue;
            }
            if (char.IsAsciiDigit(c) || c is '+' or '-' or '.')
            {
                if (i == 0)
                {
                    break;
                }
                continue;
            }
            if (c == ':')
            {
                if (i == 0)
                {
                    error = Fail("missing protocol scheme");
                    return false;
                }
                scheme = rest[..i].ToLowerInvariant();
                rest = rest[(i + 1)..];
            }
            break;
        }

        var query = string.Empty;
        if (rest.IndexOf('?') is var q and >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }

        if (!rest.StartsWith('/') && scheme.Length > 0)
        {
            url = url with { Scheme = scheme, Opaque = rest, RawQuery = query, Fragment = fragment };
            return true;
        }
        if (scheme.Length == 0 && !rest.StartsWith('/'))
        {
            // A relative reference: a colon before the first slash is not allowed.
            var slash = rest.IndexOf('/');
            var colon = rest.IndexOf(':');
            if (colon >= 0 && (slash < 0 || colon < slash))
            {
                error = Fail("first path segment in URL cannot contain colon");
                return false;
            }
        }

        string? user = null;
        var host = string.Empty;
        var hasAuthority = false;
        if ((scheme.Length > 0 || !rest.StartsWith("///")) && rest.StartsWith("//"))
        {
            hasAuthority = true;
            var authority = rest[2..];
            var slash = authority.IndexOf('/');
            rest = slash >= 0 ? authority[slash..] : string.Empty;
            authority = slash >= 0 ? authority[..slash] : authority;
            var at = authority.LastIndexOf('@');
            if (at >= 0)
            {
                user = authority[..at];
                authority = authority[(at + 1)..];
            }
            if (!TryValidateHost(authority, out var hostError))
            {
                error = Fail(hostError);
                return false;
            }
            host = authority;
        }

        url = new GoUrl(scheme, user, host, rest, query, fragment, hasAuthority, string.Empty);
        return true;
    }

    private static bool TryValidateHost(string host, out string error)
    {
        error = string.Empty;
        var portPart = string.Empty;
        if (host.StartsWith('['))
        {
            var close = host.LastIndexOf(']');
            if (close < 0)
            {
                error = "missing ']' in host";
                return false;
            }
            portPart = host[(close + 1)..];
            if (portPart.Length > 0 && !portPart.StartsWith(':'))
            {
                error = $"invalid port \"{portPart}\" after host";
                return false;
            }
        }
        else if (host.LastIndexOf(':') is var colon and >= 0)
        {
            portPart = host[colon..];
            host = host[..colon];
        }
        if (portPart.Length > 0 && !portPart[1..].All(char.IsAsciiDigit))
        {
            error = $"invalid port \"{portPart}\" after host";
            return false;
        }
        if (!host.StartsWith('['))
        {
            foreach (var c in host)
            {
                var ok = char.IsAsciiLetterOrDigit(c) || c > 0x7f || "!$&'()*+,;=:[]<>\"-._~%".Contains(c);
                if (!ok)
                {
                    error = $"invalid character \"{c.ToString(CultureInfo.InvariantCulture)}\" in host name";
                    return false;
                }
            }
        }
        return true;
    }
}
