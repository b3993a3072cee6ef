using System.Globalization;
using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD4001-GD4004: certificate verification failures, with or without Go 1.20's <c>tls: failed to verify
/// certificate:</c> prefix (the fix goes into a GoCaCertificate item); GD4010 for other TLS failures such as
/// <c>tls: first record does not look like a TLS handshake</c> (an https:// URL for a plain-HTTP proxy).
/// </summary>
public sealed partial class CertificateRule : EndpointFailureRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["x509: ", "tls: "];

    protected override Regex Pattern => X509();

    protected override DiagnosticDescriptor Descriptor => DiagnosticCatalog.TlsHandshakeFailed;

    protected override DiagnosticDescriptor DescriptorFor(Match match) => match switch
    {
        _ when match.Groups["unknown"].Success => DiagnosticCatalog.UnknownAuthority,
        _ when match.Groups["after"].Success => DiagnosticCatalog.CertificateExpired,
        _ when match.Groups["before"].Success => DiagnosticCatalog.CertificateNotYetValid,
        _ when match.Groups["names"].Success || match.Groups["nonames"].Success => DiagnosticCatalog.HostnameMismatch,
        _ => DiagnosticCatalog.TlsHandshakeFailed,
    };

    protected override object?[] Arguments(Match match, EndpointContext context)
    {
        var host = context.Url?.Host ?? "the server";
        var descriptor = DescriptorFor(match);
        if (descriptor == DiagnosticCatalog.UnknownAuthority)
        {
            var issuer = match.Groups["issuer"].Success ? match.Groups["issuer"].Value : "(not named in the log; 'godocker verify' shows it)";
            return [host, issuer];
        }
        if (descriptor == DiagnosticCatalog.CertificateExpired || descriptor == DiagnosticCatalog.CertificateNotYetValid)
        {
            var bound = match.Groups[descriptor == DiagnosticCatalog.CertificateExpired ? "after" : "before"].Value;
            object when = DateTimeOffset.TryParse(bound, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date.UtcDateTime : bound;
            return [host, host, when];
        }
        if (descriptor == DiagnosticCatalog.HostnameMismatch)
        {
            var names = match.Groups["names"].Success ? match.Groups["names"].Value : "no host names";
            var wanted = match.Groups["wanted"].Success ? match.Groups["wanted"].Value : host;
            return [host, names, wanted];
        }
        return [host, match.Value.Trim()];
    }

    // Trust failures are fixed by a GoCaCertificate item; other TLS failures by the URL in the endpoint's setting.
    protected override PositionHint Position(Match match, EndpointContext context) =>
        DescriptorFor(match) == DiagnosticCatalog.TlsHandshakeFailed
            ? base.Position(match, context)
            : new PropertyPosition("GoCaCertificate").OrElse(base.Position(match, context));

    [GeneratedRegex(@"(?:tls: failed to verify certificate: )?x509: (?:certificate signed by unknown authority(?: \(possibly because of ""[^""]*"" while trying to verify candidate authority certificate ""(?<issuer>[^""]+)""\))?(?<unknown>)|certificate has expired or is not yet valid: current time \S+ is (?:after (?<after>\S+)|before (?<before>\S+))|certificate is valid for (?<names>[^\n]+?), not (?<wanted>[^\s:]+)|certificate is not valid for any names, but wanted to match (?<wanted>[^\s:]+)(?<nonames>)|[^\n]*)|(?:remote error: )?tls: [^\n]+")]
    private static partial Regex X509();
}
