using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GoDocker.Core.Verification;

/// <summary>
/// The issuer certificate a certificate's Authority Information Access (caIssuers) URL serves. Go never fetches it;
/// verify does only to explain a chain the server left incomplete (which intermediate, and whether it really
/// continues the chain). <see cref="Certificate"/> is null when the fetch failed, with <see cref="Problem"/> saying why.
/// </summary>
public sealed record AiaIssuer(Uri Url, X509Certificate2? Certificate, string? Problem)
{
    /// <summary>The first http(s) caIssuers URL of <paramref name="certificate"/>, or null.</summary>
    public static Uri? UrlOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var extension = certificate.Extensions.OfType<X509AuthorityInformationAccessExtension>().FirstOrDefault();
        if (extension is null)
        {
            return null;
        }
        foreach (var text in extension.EnumerateCAIssuersUris())
        {
            if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
            {
                return url;
            }
        }
        return null;
    }

    public static async Task<AiaIssuer> FetchAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        // A CA certificate is a few kilobytes; anything far larger is not one.
        using var client = new HttpClient { Timeout = timeout, MaxResponseContentBufferSize = 1 << 20 };
        byte[] body;
        try
        {
            using var response = await client.GetAsync(url, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return new AiaIssuer(url, null, $"it answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new AiaIssuer(url, null, ex is TaskCanceledException ? $"no answer within {PhaseTimer.Seconds(timeout)}" : ex.Message.TrimEnd('.'));
        }
        try
        {
            // caIssuers serves DER by RFC 5280; some CAs serve PEM.
            var certificate = body.Length > 0 && body[0] == (byte)'-'
                ? X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(body))
                : new X509Certificate2(body);
            return new AiaIssuer(url, certificate, null);
        }
        catch (CryptographicException ex)
        {
            return new AiaIssuer(url, null, $"it served no certificate ({ex.Message.TrimEnd('.')})");
        }
    }
}
