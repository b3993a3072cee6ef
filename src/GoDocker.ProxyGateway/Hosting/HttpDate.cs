using System.Globalization;

namespace GoDocker.ProxyGateway.Hosting;

/// <summary>The Date header's value (RFC 9110 IMF-fixdate), formatted once per second as Kestrel does.</summary>
internal static class HttpDate
{
    private static Stamp s_current = new(-1, "");

    public static string Now()
    {
        var now = DateTimeOffset.UtcNow;
        var second = now.ToUnixTimeSeconds();
        var current = s_current;
        if (current.Second != second)
        {
            current = new Stamp(second, now.ToString("r", CultureInfo.InvariantCulture));
            s_current = current;
        }

        return current.Text;
    }

    private sealed record Stamp(long Second, string Text);
}
