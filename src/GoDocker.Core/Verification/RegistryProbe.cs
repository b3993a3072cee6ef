using System.Net.Http.Headers;
using System.Text;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Verification;

/// <summary>
/// Verifies that the registry of one image setting (GoBaseImage, GoRuntimeImage…) answers as a registry: DNS, TCP, TLS
/// with GoCaCertificate and Docker's <c>certs.d/&lt;registry&gt;/ca.crt</c>, then <c>GET /v2/</c>, where 200, or 401 with a
/// WWW-Authenticate challenge, is reachable. A Basic challenge is one no anonymous pull passes: the docker client's
/// login for the registry is then tried (never printed), and its absence named with the <c>docker login</c> that fixes
/// it. A Docker Hub image is probed at the engine's registry mirror first, as the engine pulls it.
/// Every diagnostic is placed at the setting's line.
/// </summary>
public static class RegistryProbe
{
    public const string DockerCertsFolder = "/etc/docker/certs.d";

    /// <param name="presentLocally">Whether the engine already holds the image (then nothing is pulled, nothing probed).</param>
    public static async Task<IReadOnlyList<Diagnostic>> RunAsync(string setting, string image, SourceLocation? location, VerificationOptions options,
        Func<string, CancellationToken, Task<bool>>? presentLocally, CancellationToken cancellationToken, string dockerCertsFolder = DockerCertsFolder,
        RegistryPullContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        context ??= RegistryPullContext.None;
        if (!ImageReference.TryParse(image, out var reference, out _) || ImageRegistryEndpoint.For(reference) is not { } registry)
        {
            return []; // an invalid reference is the settings reader's diagnostic; scratch is never pulled
        }
        if (presentLocally is not null && await presentLocally(image, cancellationToken).ConfigureAwait(false))
        {
            context.Progress($"{setting} '{image}' is in the engine: its registry {registry} is not probed");
            return [];
        }
        var found = await ProbeAsync(setting, image, registry, options, cancellationToken, dockerCertsFolder, context).ConfigureAwait(false);
        return [.. found.Select(d => d.Location is null && location is not null ? d.At(location) : d)];
    }

    /// <summary>A registry a setting names by itself (GoImageRegistry, host[:port]), probed as the push will reach it.</summary>
    public static async Task<IReadOnlyList<Diagnostic>> RunForRegistryAsync(string setting, string registryName, SourceLocation? location, VerificationOptions options,
        CancellationToken cancellationToken, string dockerCertsFolder = DockerCertsFolder, RegistryPullContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!ImageReference.TryParse(registryName.TrimEnd('/') + "/godocker-probe", out var reference, out _) || ImageRegistryEndpoint.For(reference) is not { } registry)
        {
            return [];
        }
        // A push goes to the registry itself: Docker Hub mirrors serve pulls only.
        var push = (context ?? RegistryPullContext.None) with { HubMirrors = _ => Task.FromResult<IReadOnlyList<Uri>>([]) };
        var found = await ProbeAsync(setting, registryName, registry, options, cancellationToken, dockerCertsFolder, push).ConfigureAwait(false);
        return [.. found.Select(d => d.Location is null && location is not null ? d.At(location) : d)];
    }

    private static async Task<IReadOnlyList<Diagnostic>> ProbeAsync(string setting, string image, ImageRegistryEndpoint registry, VerificationOptions options,
        CancellationToken cancellationToken, string dockerCertsFolder, RegistryPullContext context)
    {
        if (registry.Name == "docker.io")
        {
            foreach (var mirror in await context.HubMirrors(cancellationToken).ConfigureAwait(false))
            {
                var root = new Uri(mirror.GetLeftPart(UriPartial.Authority) + "/v2/");
                var viaMirror = await GetAsync(root, mirror.IsDefaultPort ? mirror.IdnHost : mirror.Authority, $"the registry mirror {mirror.GetLeftPart(UriPartial.Authority)} of {setting} '{image}'",
                    setting, options, dockerCertsFolder, null, cancellationToken).ConfigureAwait(false);
                if (viaMirror.Answer is { } mirrored && (mirrored.StatusCode == 200 || Challenge(mirrored) is not null))
                {
                    context.Progress($"{setting} '{image}': probed the engine's registry mirror {mirror.GetLeftPart(UriPartial.Authority)} for docker.io: {mirrored}");
                    return [];
                }
                context.Progress($"{setting} '{image}': the engine's registry mirror {mirror.GetLeftPart(UriPartial.Authority)} does not answer as a registry ({viaMirror.Answer?.ToString() ?? viaMirror.FailedPhase?.Detail}); the engine falls back to docker.io, probed next");
            }
        }
        var purpose = $"the registry of {setting} '{image}'";
        var answer = await GetAsync(registry.ApiRoot("https"), registry.Name, purpose, setting, options, dockerCertsFolder, null, cancellationToken).ConfigureAwait(false);
        var scheme = "https";
        if (answer.Answer is null && registry.IsLoopback && answer.FailedPhase is { Phase: ProbePhase.Tls })
        {
            // As the engine does for a loopback registry: plain HTTP when it does not speak TLS.
            var plain = await GetAsync(registry.ApiRoot("http"), registry.Name, purpose, setting, options, dockerCertsFolder, null, cancellationToken).ConfigureAwait(false);
            // A 400 is a TLS server refusing plain HTTP: its certificate is then the problem, not the protocol.
            if (plain.Answer is { StatusCode: not 400 })
            {
                answer = plain;
                scheme = "http";
            }
        }
        var failures = Judge(answer, registry, setting, image);
        if (failures.Count > 0 || answer.Answer is not { } http)
        {
            return failures;
        }
        if (Challenge(http) is not { } challenge || !challenge.StartsWith("Basic", StringComparison.OrdinalIgnoreCase))
        {
            // 200, or a Bearer challenge: anonymous tokens may pull public repositories, so reachable is all it proves.
            context.Progress($"{setting} '{image}': probed {registry.ApiRoot(scheme)}: {http}");
            return [];
        }
        var credentials = await context.Credentials(registry.Name == "docker.io" ? "index.docker.io" : registry.Name, cancellationToken).ConfigureAwait(false);
        if (credentials is null)
        {
            return [DiagnosticCatalog.RegistryLoginMissing.Create(registry.Name, setting, image, "Basic", context.CredentialsSource)];
        }
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.UserName + ":" + credentials.Secret)));
        var login = await GetAsync(registry.ApiRoot(scheme), registry.Name, purpose, setting, options, dockerCertsFolder, basic, cancellationToken).ConfigureAwait(false);
        if (login.Answer is { StatusCode: 200 } accepted)
        {
            context.Progress($"{setting} '{image}': probed {registry.ApiRoot(scheme)} with the login of {credentials}: {accepted}");
            return [];
        }
        return login.Answer is { } refused
            ? [DiagnosticCatalog.RegistryLoginRefused.Create(registry.Name, setting, image, credentials.ToString(), refused.ToString())]
            : Judge(login, registry, setting, image);
    }

    private static async Task<PhasedAnswer> GetAsync(Uri url, string certsName, string purpose, string setting, VerificationOptions options, string dockerCertsFolder,
        AuthenticationHeaderValue? authorization, CancellationToken cancellationToken)
    {
        var dockerCa = Path.Combine(dockerCertsFolder, certsName, "ca.crt");
        var trust = CertificateTrust.Load(File.Exists(dockerCa) ? options with { CaCertificateFiles = [.. options.CaCertificateFiles, dockerCa] } : options);
        return await PhasedHttpGet.GetAsync(url, null, purpose, setting, trust, options.PhaseTimeout, cancellationToken, authorization: authorization).ConfigureAwait(false);
    }

    /// <summary>The WWW-Authenticate challenge of a 401, or null.</summary>
    private static string? Challenge(HttpAnswer http) =>
        http.StatusCode == 401 ? http.Headers.FirstOrDefault(h => h.Key.Equals("WWW-Authenticate", StringComparison.OrdinalIgnoreCase)).Value : null;

    private static IReadOnlyList<Diagnostic> Judge(PhasedAnswer answer, ImageRegistryEndpoint registry, string setting, string image)
    {
        if (answer.Answer is not { } http)
        {
            var first = answer.FailedPhase?.Diagnostics.FirstOrDefault(d => d.IsError);
            // An untrusted certificate has a registry's own fixes (certs.d beside GoCaCertificate): say them.
            return first is null ? []
                : first.Descriptor.Subject == DiagnosticSubject.Trust ? [DiagnosticCatalog.RegistryCertificateUntrusted.Create(registry.Name,
                    answer.FailedPhase?.LeafIssuer is { } issuer ? $"{first.Descriptor.Title.ToLowerInvariant()} (issued by '{issuer}')" : first.Message.TrimEnd('.'))]
                : [first];
        }
        if (http.StatusCode == 200 || Challenge(http) is not null)
        {
            return [];
        }
        var what = http.StatusCode == 401 ? $"{http} without a WWW-Authenticate challenge" : http.ToString();
        return [DiagnosticCatalog.NotAnImageRegistry.Create(registry.Name, what, setting, image)];
    }
}
