using System.Net.Http.Headers;
using System.Text;

namespace GoDocker.Core.Credentials;

/// <summary>One netrc entry the go command keeps: a machine with both a login and a password.</summary>
public sealed record NetrcEntry(string Machine, string Login, string Password)
{
    public override string ToString() => $"machine {Machine}"; // never the login or password
}

/// <summary>
/// Upstream credentials by host, read from a netrc file as the go command reads it. Values are only ever put in
/// Authorization headers; nothing here is formatted into a log or message.
/// </summary>
public sealed class NetrcCredentials
{
    private readonly IReadOnlyList<NetrcEntry> _entries;

    private NetrcCredentials(IReadOnlyList<NetrcEntry> entries, GoCredentialRules rules)
    {
        _entries = entries;
        Rules = rules;
    }

    public static NetrcCredentials None { get; } = new([], GoCredentialRules.BeforeGoAuth);

    public int Count => _entries.Count;

    /// <summary>The machines listed, in file order (for messages: names only).</summary>
    public IEnumerable<string> Machines => _entries.Select(e => e.Machine);

    /// <summary>The go command whose rules <see cref="GoCommandHeaderFor"/> follows.</summary>
    public GoCredentialRules Rules { get; }

    public NetrcCredentials WithRules(GoCredentialRules rules) => new(_entries, rules);

    /// <summary>
    /// Parses netrc text as cmd/go/internal/auth's parseNetrc: each line's words are read in pairs; <c>machine</c>
    /// starts an entry, which is kept once it has a login and a password; <c>macdef</c> skips to the next empty line;
    /// a <c>default</c> left as a line's last word ends the file.
    /// </summary>
    public static NetrcCredentials Parse(string text)
    {
        var entries = new List<NetrcEntry>();
        string machine = "", login = "", password = "";
        var inMacro = false;
        foreach (var line in text.Split('\n'))
        {
            if (inMacro)
            {
                inMacro = line.Length != 0;
                continue;
            }
            var words = line.Split([' ', '\t', '\r', '\v', '\f'], StringSplitOptions.RemoveEmptyEntries);
            var i = 0;
            for (; i < words.Length - 1; i += 2)
            {
                switch (words[i])
                {
                    case "machine":
                        machine = words[i + 1];
                        login = password = "";
                        break;
                    case "login":
                        login = words[i + 1];
                        break;
                    case "password":
                        password = words[i + 1];
                        break;
                    case "macdef":
                        inMacro = true;
                        break;
                }
                if (machine.Length > 0 && login.Length > 0 && password.Length > 0)
                {
                    entries.Add(new NetrcEntry(machine, login, password));
                    machine = login = password = "";
                }
            }
            if (i < words.Length && words[i] == "default")
            {
                break;
            }
        }
        return new NetrcCredentials(entries, GoCredentialRules.BeforeGoAuth);
    }

    /// <summary>Reads the file named by NETRC, or ~/.netrc; none when absent.</summary>
    public static NetrcCredentials FromEnvironment(Func<string, string?>? getEnvironment = null)
    {
        getEnvironment ??= Environment.GetEnvironmentVariable;
        var path = getEnvironment("NETRC");
        if (string.IsNullOrEmpty(path))
        {
            var home = getEnvironment("HOME");
            path = string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".netrc");
        }

        return path is not null && File.Exists(path) ? Parse(File.ReadAllText(path)) : None;
    }

    /// <summary>The entry the go command of <see cref="Rules"/> uses for <paramref name="url"/>, or null when it sends none.</summary>
    public NetrcEntry? GoCommandEntryFor(Uri url)
    {
        if (url.Scheme != Uri.UriSchemeHttps || !Rules.SendsNetrc)
        {
            return null;
        }
        if (!Rules.ReadsGoAuth)
        {
            var host = GoCredentialRules.HostName(url);
            return _entries.FirstOrDefault(e => e.Machine == host);
        }
        // Each machine is a URL prefix (the first entry of a machine wins); the request's host:port plus path is
        // looked up, then each shorter path, as loadCredential walks up.
        var byPrefix = new Dictionary<string, NetrcEntry>(StringComparer.Ordinal);
        foreach (var entry in _entries)
        {
            var prefix = entry.Machine.StartsWith("https://", StringComparison.Ordinal) ? entry.Machine["https://".Length..] : entry.Machine;
            byPrefix.TryAdd(prefix.TrimEnd('/'), entry);
        }
        var current = (url.IsDefaultPort ? url.Authority : $"{url.Host}:{url.Port}") + url.AbsolutePath;
        current = current.TrimEnd('/');
        while (true)
        {
            if (byPrefix.TryGetValue(current, out var found))
            {
                return found;
            }
            var slash = current.LastIndexOf('/');
            if (slash < 0)
            {
                return null;
            }
            current = current[..slash];
        }
    }

    /// <summary>The Authorization header the go command would send: netrc credentials, on https requests only.</summary>
    public AuthenticationHeaderValue? GoCommandHeaderFor(Uri url) =>
        GoCommandEntryFor(url) is { } entry ? Basic(entry.Login + ":" + entry.Password) : null;

    public AuthenticationHeaderValue? HeaderFor(Uri url)
    {
        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return Basic(Uri.UnescapeDataString(url.UserInfo));
        }

        return _entries.FirstOrDefault(e => string.Equals(e.Machine, url.Host, StringComparison.OrdinalIgnoreCase)) is { } c
            ? Basic(c.Login + ":" + c.Password) : null;
    }

    private static AuthenticationHeaderValue Basic(string userColonPassword) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userColonPassword)));
}
