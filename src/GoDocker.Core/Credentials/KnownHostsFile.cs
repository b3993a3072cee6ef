using System.Security.Cryptography;
using System.Text;

namespace GoDocker.Core.Credentials;

/// <summary>
/// An OpenSSH known_hosts file, read for one question: would ssh find a key for this host in it? Follows OpenSSH's
/// hostfile rules: comma-separated patterns with <c>*</c>, <c>?</c> and <c>!</c> negation (a negated match wins),
/// <c>[host]:port</c> for ports other than 22, hashed names (<c>|1|salt|HMAC-SHA1(salt, name)</c>), and the
/// <c>@cert-authority</c> and <c>@revoked</c> markers. Host names compare case-insensitively, as ssh lowercases them.
/// </summary>
public sealed class KnownHostsFile
{
    private readonly IReadOnlyList<Entry> _entries;

    private KnownHostsFile(IReadOnlyList<Entry> entries) => _entries = entries;

    public int Count => _entries.Count;

    public static KnownHostsFile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<Entry>();
        foreach (var raw in text.Split('\n'))
        {
            var fields = raw.Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0].StartsWith('#'))
            {
                continue;
            }
            var marker = fields[0].StartsWith('@') ? fields[0] : null;
            var rest = marker is null ? fields : fields[1..];
            // hostnames, key type, key: a line without a key cannot make ssh trust anything.
            if (rest.Length < 3 || marker is not (null or "@cert-authority" or "@revoked"))
            {
                continue;
            }
            entries.Add(new Entry(rest[0], marker == "@revoked"));
        }
        return new KnownHostsFile(entries);
    }

    /// <summary>
    /// Whether a line that is not <c>@revoked</c> names <paramref name="host"/> (a name or address, optionally with
    /// <c>:port</c>): ssh then has a key or a certificate authority to check the server against.
    /// </summary>
    public bool Lists(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = LookupName(host.Trim().ToLowerInvariant());
        return _entries.Any(e => !e.Revoked && Matches(e.Hosts, name));
    }

    /// <summary>The name ssh looks up for <c>host[:port]</c>: <c>[host]:port</c> when the port is not 22.</summary>
    public static string LookupName(string host)
    {
        var colon = host.LastIndexOf(':');
        if (colon <= 0 || host.StartsWith('[') || host.Count(c => c == ':') > 1)
        {
            return host;
        }
        var port = host[(colon + 1)..];
        return port == "22" ? host[..colon] : $"[{host[..colon]}]:{port}";
    }

    private static bool Matches(string hosts, string name)
    {
        if (hosts.StartsWith("|1|", StringComparison.Ordinal))
        {
            return HashedMatches(hosts, name);
        }
        var matched = false;
        foreach (var pattern in hosts.Split(','))
        {
            var negated = pattern.StartsWith('!');
            if (Glob(negated ? pattern[1..] : pattern, name))
            {
                if (negated)
                {
                    return false;
                }
                matched = true;
            }
        }
        return matched;
    }

    private static bool HashedMatches(string hosts, string name)
    {
        var parts = hosts.Split('|');
        if (parts.Length != 4)
        {
            return false;
        }
        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            return CryptographicOperations.FixedTimeEquals(HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(name)), expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    // OpenSSH's match_pattern: '*' any run, '?' one character, compared lowercased. Greedy with one backtrack point
    // (the last '*'), so a hostile pattern cannot make it exponential.
    private static bool Glob(string pattern, string name)
    {
        int p = 0, n = 0, star = -1, resume = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = n;
            }
            else if (p < pattern.Length && (pattern[p] == '?' || char.ToLowerInvariant(pattern[p]) == name[n]))
            {
                p++;
                n++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                n = ++resume;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }

    private sealed record Entry(string Hosts, bool Revoked);
}
