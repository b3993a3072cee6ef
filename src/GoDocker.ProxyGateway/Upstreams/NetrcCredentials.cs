using System.Net.Http.Headers;
using System.Text;

namespace GoDocker.ProxyGateway.Upstreams;

/// <summary>
/// Upstream credentials by host, read from a netrc file (as the go command does). Values are only ever put in
/// Authorization headers; nothing here is formatted into a log or message.
/// </summary>
public sealed class NetrcCredentials
{
    private readonly Dictionary<string, (string Login, string Password)> _byHost;

    private NetrcCredentials(Dictionary<string, (string, string)> byHost) => _byHost = byHost;

    public static NetrcCredentials None { get; } = new(new(StringComparer.OrdinalIgnoreCase));

    public int Count => _byHost.Count;

    /// <summary>Parses netrc text: <c>machine h login l password p</c> tokens, in any layout; 'default' is ignored like go does.</summary>
    public static NetrcCredentials Parse(string text)
    {
        var tokens = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var result = new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase);
        string? machine = null, login = null, password = null;

        void Flush()
        {
            if (machine is not null && login is not null && password is not null && !result.ContainsKey(machine))
            {
                result[machine] = (login, password);
            }

            machine = login = password = null;
        }

        for (var i = 0; i < tokens.Length; i++)
        {
            var next = i + 1 < tokens.Length ? tokens[i + 1] : null;
            switch (tokens[i])
            {
                case "machine":
                    Flush();
                    machine = next;
                    i++;
                    break;
                case "default":
                    Flush();
                    break;
                case "login":
                    login = next;
                    i++;
                    break;
                case "password":
                    password = next;
                    i++;
                    break;
                case "macdef":
                    // A macro runs to the next blank line; go skips it too. Tokens lose line structure, so stop here.
                    Flush();
                    return new NetrcCredentials(result);
            }
        }

        Flush();
        return new NetrcCredentials(result);
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

    public AuthenticationHeaderValue? HeaderFor(Uri url)
    {
        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return Basic(Uri.UnescapeDataString(url.UserInfo));
        }

        return _byHost.TryGetValue(url.Host, out var c) ? Basic(c.Login + ":" + c.Password) : null;
    }

    private static AuthenticationHeaderValue Basic(string userColonPassword) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userColonPassword)));
}
