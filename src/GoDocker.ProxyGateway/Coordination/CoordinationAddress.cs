using System.Globalization;
using GoDocker.Core.Diagnostics;

namespace GoDocker.ProxyGateway.Coordination;

/// <summary>Where the replicas' Redis is: <c>redis://host:port[/db]</c> (no password support: keep it on a private network).</summary>
public sealed record CoordinationAddress(string Host, int Port, int Database)
{
    public string Display => $"redis://{Host}:{Port.ToString(CultureInfo.InvariantCulture)}/{Database.ToString(CultureInfo.InvariantCulture)}";

    public static CoordinationAddress Parse(string text)
    {
        static DiagnosticException Invalid(string value, string why) =>
            new(DiagnosticCatalog.InvalidCommandLineValue.Create("--coordination", value, why + "; use redis://host:port or redis://host:port/db"));

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme != "redis" || url.Host.Length == 0)
        {
            throw Invalid(text, "not a redis:// URL");
        }

        if (url.UserInfo.Length > 0 || url.Query.Length > 0)
        {
            // The message never repeats a password.
            var shown = url.UserInfo.Length > 0 ? text.Replace(url.UserInfo + "@", "***@", StringComparison.Ordinal) : text;
            throw Invalid(shown, "user information and query options are not supported");
        }

        var database = 0;
        var path = url.AbsolutePath.Trim('/');
        if (path.Length > 0 && !(int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out database) && database is >= 0 and < 16384))
        {
            throw Invalid(text, $"'{path}' is not a database number");
        }

        return new CoordinationAddress(url.Host.Trim('[', ']'), url.IsDefaultPort || url.Port < 0 ? 6379 : url.Port, database);
    }
}
