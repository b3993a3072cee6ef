using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Images;

/// <summary>
/// The part of the Docker Registry HTTP API v2 a push needs: blob HEAD, monolithic upload (POST, then PUT with the
/// digest), manifest PUT and GET, blob GET; Basic and Bearer token challenges answered with the Docker config's
/// credentials. HTTPS first; plain HTTP only for a loopback registry that does not speak TLS (as Docker treats
/// 127.0.0.0/8 as insecure). Every failure is a diagnostic that names the registry and the fix.
/// </summary>
public sealed class RegistryClient : IDisposable
{
    private readonly string _registry;
    private readonly RegistryTrust _trust;
    private readonly RegistryCredentials? _credentials;
    private readonly string _credentialsSource;
    private readonly SourceLocation? _location;
    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;
    private string _scheme = "https";
    private bool _connected;
    private AuthenticationHeaderValue? _authorization;

    /// <param name="credentialsSource">Where credentials would come from (the Docker config path), for the 401 message.</param>
    public RegistryClient(string registry, RegistryTrust trust, RegistryCredentials? credentials, string credentialsSource,
        SourceLocation? location = null, TimeSpan? timeout = null)
    {
        _registry = registry;
        _trust = trust;
        _credentials = credentials;
        _credentialsSource = credentialsSource;
        _location = location;
        _timeout = timeout ?? TimeSpan.FromSeconds(30);
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AllowAutoRedirect = true,
            SslOptions = { RemoteCertificateValidationCallback = trust.Validate },
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public string Registry => _registry;

    /// <summary>Asks <c>/v2/</c>, choosing the scheme and checking the credentials before anything is uploaded.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (_connected)
        {
            return;
        }
        try
        {
            using var probe = await SendRawAsync(() => new HttpRequestMessage(HttpMethod.Get, Url("/v2/")), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException) when (!_trust.SawCertificate && IsLoopback(_registry))
        {
            _scheme = "http";
        }
        _connected = true;
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Url("/v2/")), "/v2/", "", cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, "GET /v2/", "", cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> BlobExistsAsync(string repository, string digest, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, Url($"/v2/{repository}/blobs/{digest}")), repository, "pull,push", cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        await EnsureAsync(response, $"HEAD {repository} blob", repository, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Uploads a blob unless the registry has it: POST for an upload location, then one PUT with the digest.</summary>
    public async Task PushBlobAsync(string repository, string digest, byte[] content, CancellationToken cancellationToken)
    {
        if (await BlobExistsAsync(repository, digest, cancellationToken).ConfigureAwait(false))
        {
            return;
        }
        using var start = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Url($"/v2/{repository}/blobs/uploads/")), repository, "pull,push", cancellationToken).ConfigureAwait(false);
        await EnsureAsync(start, $"POST {repository} blob upload", repository, cancellationToken).ConfigureAwait(false);
        var location = start.Headers.Location ?? throw Failure("POST blob upload", start.StatusCode, "no Location header");
        var absolute = location.IsAbsoluteUri ? location : new Uri(new Uri(Url("/")), location);
        var put = new UriBuilder(absolute);
        put.Query = (put.Query.Length > 1 ? put.Query[1..] + "&" : "") + "digest=" + Uri.EscapeDataString(digest);
        using var done = await SendAsync(() => new HttpRequestMessage(HttpMethod.Put, put.Uri)
        {
            Content = new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } },
        }, repository, "pull,push", cancellationToken).ConfigureAwait(false);
        await EnsureAsync(done, $"PUT {repository} blob {digest}", repository, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts the manifest under a tag (or its digest); returns the digest the registry gives it.</summary>
    public async Task<string> PushManifestAsync(string repository, string reference, byte[] manifest, string mediaType, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Put, Url($"/v2/{repository}/manifests/{reference}"))
        {
            Content = new ByteArrayContent(manifest) { Headers = { ContentType = new MediaTypeHeaderValue(mediaType) } },
        }, repository, "pull,push", cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, $"PUT {repository}:{reference} manifest", repository, cancellationToken).ConfigureAwait(false);
        return response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.First() : ImageDigest.Of(manifest);
    }

    /// <summary>A manifest and its media type, for pulling the runtime image's layers.</summary>
    public async Task<(byte[] Content, string MediaType)> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, Url($"/v2/{repository}/manifests/{reference}"));
            foreach (var type in new[] { ImageMediaTypes.Manifest, ImageMediaTypes.OciManifest, ImageMediaTypes.ManifestList, ImageMediaTypes.OciIndex })
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
            }
            return request;
        }, repository, "pull", cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, $"GET {repository}:{reference} manifest", repository, cancellationToken).ConfigureAwait(false);
        return (await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false),
            response.Content.Headers.ContentType?.MediaType ?? ImageMediaTypes.Manifest);
    }

    public async Task<byte[]> GetBlobAsync(string repository, string digest, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Url($"/v2/{repository}/blobs/{digest}")), repository, "pull", cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, $"GET {repository} blob {digest}", repository, cancellationToken).ConfigureAwait(false);
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (ImageDigest.Of(content) != digest)
        {
            throw Failure($"GET {repository} blob {digest}", response.StatusCode, "the content does not match its digest");
        }
        return content;
    }

    public void Dispose() => _http.Dispose();

    private string Url(string path) => $"{_scheme}://{_registry}{path}";

    /// <summary>Sends with the current authorization; on a 401, answers the challenge once and sends again.</summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> make, string repository, string actions, CancellationToken cancellationToken)
    {
        await ConnectIfNeededAsync(cancellationToken).ConfigureAwait(false);
        var response = await SendRawAsync(make, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }
        var challenge = response.Headers.WwwAuthenticate.FirstOrDefault();
        response.Dispose();
        if (challenge is null)
        {
            throw Refused(null);
        }
        await AuthenticateAsync(challenge, repository, actions, cancellationToken).ConfigureAwait(false);
        return await SendRawAsync(make, cancellationToken).ConfigureAwait(false);
    }

    private async Task ConnectIfNeededAsync(CancellationToken cancellationToken)
    {
        if (!_connected)
        {
            await ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AuthenticateAsync(AuthenticationHeaderValue challenge, string repository, string actions, CancellationToken cancellationToken)
    {
        if (_credentials is null && !challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw Refused("and the Docker config has no credentials for it");
        }
        if (challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            _authorization = BasicHeader(_credentials!);
            return;
        }
        if (!challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw Failure("authenticate", HttpStatusCode.Unauthorized, $"the registry asks for '{challenge.Scheme}' authentication, which only Basic and Bearer are supported of");
        }
        var parameters = ChallengeParameters(challenge.Parameter ?? "");
        if (!parameters.TryGetValue("realm", out var realm) || !Uri.TryCreate(realm, UriKind.Absolute, out _))
        {
            throw Failure("authenticate", HttpStatusCode.Unauthorized, "the Bearer challenge names no token realm");
        }
        var query = new List<string>();
        if (parameters.TryGetValue("service", out var service))
        {
            query.Add("service=" + Uri.EscapeDataString(service));
        }
        var scope = parameters.TryGetValue("scope", out var given) ? given
            : repository.Length > 0 && repository != "/v2/" ? $"repository:{repository}:{actions}" : null;
        if (scope is not null)
        {
            query.Add("scope=" + Uri.EscapeDataString(scope));
        }
        var tokenUrl = realm + (query.Count == 0 ? "" : (realm.Contains('?') ? "&" : "?") + string.Join('&', query));
        using var request = new HttpRequestMessage(HttpMethod.Get, tokenUrl);
        if (_credentials is not null)
        {
            request.Headers.Authorization = BasicHeader(_credentials);
        }
        using var response = await Guard(() => _http.SendAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw Refused("at its token service");
        }
        await EnsureAsync(response, "GET token", repository, cancellationToken).ConfigureAwait(false);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var token = json.RootElement.TryGetProperty("token", out var t) ? t.GetString()
            : json.RootElement.TryGetProperty("access_token", out var a) ? a.GetString() : null;
        if (string.IsNullOrEmpty(token))
        {
            throw Failure("GET token", response.StatusCode, "the token service returned no token");
        }
        _authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    private async Task<HttpResponseMessage> SendRawAsync(Func<HttpRequestMessage> make, CancellationToken cancellationToken)
    {
        var request = make();
        if (_authorization is not null)
        {
            request.Headers.Authorization = _authorization;
        }
        try
        {
            return await Guard(() => _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            request.Dispose();
        }
    }

    /// <summary>Turns transport failures into their diagnostics; a loopback TLS failure without a certificate is left to the caller (plain HTTP).</summary>
    private async Task<HttpResponseMessage> Guard(Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            return await send().WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (_trust.Refusal is { } refusal)
        {
            throw new DiagnosticException(DiagnosticCatalog.RegistryCertificateUntrusted.Create(_location, _registry, refusal), e);
        }
        catch (HttpRequestException e) when (!_connected && !_trust.SawCertificate && IsLoopback(_registry) && _scheme == "https"
            && e.HttpRequestError is HttpRequestError.SecureConnectionError or HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded)
        {
            throw; // ConnectAsync tries plain HTTP
        }
        catch (HttpRequestException e)
        {
            throw new DiagnosticException(DiagnosticCatalog.RegistryUnreachable.Create(_location, _registry, Innermost(e)), e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DiagnosticException(DiagnosticCatalog.RegistryUnreachable.Create(_location, _registry,
                $"it did not answer within {_timeout.TotalSeconds:0} seconds"), e);
        }
    }

    private async Task EnsureAsync(HttpResponseMessage response, string what, string repository, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        switch (response.StatusCode)
        {
            case HttpStatusCode.Unauthorized:
                throw Refused(null);
            case HttpStatusCode.Forbidden:
                throw new DiagnosticException(DiagnosticCatalog.RegistryPushDenied.Create(_location, _registry, repository, _credentials?.ToString() ?? _credentialsSource));
        }
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        throw Failure(what, response.StatusCode, RegistryErrorText(body));
    }

    private DiagnosticException Refused(string? detail) =>
        new(DiagnosticCatalog.RegistryCredentialsRefused.Create(_location, _registry,
            _credentials is null ? detail ?? "and the Docker config has no credentials for it" : $"for {_credentials}", _credentialsSource));

    private DiagnosticException Failure(string what, HttpStatusCode status, string detail) =>
        new(DiagnosticCatalog.RegistryRequestFailed.Create(_location, _registry, $"{(int)status} {status}", what, detail));

    /// <summary>The registry's own error codes and messages (<c>{"errors":[{"code","message"}]}</c>), or the start of the body.</summary>
    private static string RegistryErrorText(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                return string.Join("; ", errors.EnumerateArray().Select(e =>
                    (e.TryGetProperty("code", out var c) ? c.GetString() : "") + ": " + (e.TryGetProperty("message", out var m) ? m.GetString() : "")));
            }
        }
        catch (JsonException)
        {
        }
        var text = body.ReplaceLineEndings(" ").Trim();
        return text.Length == 0 ? "no details" : text.Length > 200 ? text[..200] + "..." : text;
    }

    private static AuthenticationHeaderValue BasicHeader(RegistryCredentials credentials) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.UserName + ":" + credentials.Secret)));

    internal static Dictionary<string, string> ChallengeParameters(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || text[i] == ' '))
            {
                i++;
            }
            var eq = text.IndexOf('=', i);
            if (eq < 0)
            {
                break;
            }
            var key = text[i..eq].Trim();
            i = eq + 1;
            string value;
            if (i < text.Length && text[i] == '"')
            {
                var end = text.IndexOf('"', i + 1);
                end = end < 0 ? text.Length : end;
                value = text[(i + 1)..end];
                i = end + 1;
            }
            else
            {
                var end = text.IndexOf(',', i);
                end = end < 0 ? text.Length : end;
                value = text[i..end].Trim();
                i = end;
            }
            result[key] = value;
        }
        return result;
    }

    private static string Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }
        return e.Message.TrimEnd('.');
    }

    internal static bool IsLoopback(string registry)
    {
        var host = registry;
        if (host.StartsWith('['))
        {
            host = host[1..host.IndexOf(']')];
        }
        else if (host.LastIndexOf(':') is var colon and > 0)
        {
            host = host[..colon];
        }
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
