namespace GoDocker.Core.Verification;

/// <summary>
/// TLS-inspecting proxies and debugging proxies by the names their CAs carry in the issuer's subject, so a chain they
/// re-signed is named as interception (GD4023) rather than as an unknown authority.
/// </summary>
public static class InterceptionProducts
{
    // (what appears in the issuer or root subject, the product's name)
    private static readonly (string Marker, string Product)[] Markers =
    [
        ("Zscaler", "Zscaler"),
        ("Netskope", "Netskope"),
        ("Palo Alto", "Palo Alto Networks"),
        ("PAN-OS", "Palo Alto Networks"),
        ("Fortinet", "Fortinet FortiGate"),
        ("FortiGate", "Fortinet FortiGate"),
        ("Blue Coat", "Blue Coat / Symantec ProxySG"),
        ("BlueCoat", "Blue Coat / Symantec ProxySG"),
        ("ProxySG", "Blue Coat / Symantec ProxySG"),
        ("Symantec Web", "Blue Coat / Symantec ProxySG"),
        ("Cisco Umbrella", "Cisco Umbrella"),
        ("OpenDNS", "Cisco Umbrella"),
        ("Forcepoint", "Forcepoint"),
        ("Websense", "Forcepoint"),
        ("McAfee Web Gateway", "McAfee Web Gateway"),
        ("Skyhigh", "McAfee Web Gateway"),
        ("Sophos", "Sophos"),
        ("Check Point", "Check Point"),
        ("CheckPoint", "Check Point"),
        ("mitmproxy", "mitmproxy"),
        ("Charles Proxy", "Charles"),
        ("CharlesProxy", "Charles"),
        ("DO_NOT_TRUST_FiddlerRoot", "Fiddler"),
        ("Fiddler", "Fiddler"),
        ("PortSwigger", "Burp Suite"),
        ("Burp", "Burp Suite"),
    ];

    /// <summary>The interception product whose CA name appears in <paramref name="distinguishedName"/>, or null.</summary>
    public static string? Find(string distinguishedName)
    {
        ArgumentNullException.ThrowIfNull(distinguishedName);
        foreach (var (marker, product) in Markers)
        {
            if (distinguishedName.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return product;
            }
        }
        return null;
    }
}
