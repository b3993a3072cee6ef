using GoDocker.Core.Diagnostics;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Verification;

/// <summary>
/// Verifies that the registry of one image setting (GoBaseImage, GoRuntimeImage) answers as a registry: DNS, TCP, TLS
/// with GoCaCertificate and Docker's <c>certs.d/&lt;registry&gt;/ca.crt</c>, then <c>GET /v2/</c>, where 200, or 401 with a
/// WWW-Authenticate challenge, is reachable. No credentials are sent: the challenge alone proves a registry.
/// Every diagnostic is placed at the setting's line.
/// </summary>
public static class RegistryProbe
{
    public const string DockerCertsFolder = "/etc/docker/certs.d";

    /// <param name="presentLocally">Whether the engine already holds the image (then nothing is pulled, nothing probed).</param>
    public static async Task<IReadOnlyList<Diagnostic>> RunAsync(string setting, string image, SourceLocation? location, VerificationOptions options,
        Func<string, CancellationToken, Task<bool>>? presentLocally, CancellationToken cancellationToken, string dockerCertsFolder = DockerCertsFolder)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!ImageReference.TryParse(image, out var reference, out _) || ImageRegistryEndpoint.For(reference) is not { } registry)
        {
            return []; // an invalid reference is the settings reader's diagnostic; scratch is never pulled
        }
        if (presentLocally is not null && await presentLocally(image, cancellationToken).ConfigureAwait(false))
        {
            return [];
        }
        var dockerCa = Path.Combine(dockerCertsFolder, registry.Name, "ca.crt");
        var trust = CertificateTrust.Load(File.Exists(dockerCa) ? options with { CaCertificateFiles = [.. options.CaCertificateFiles, dockerCa] } : options);
        var purpose = $"the registry of {setting} '{image}'";

        var answer = await PhasedHttpGet.GetAsync(registry.ApiRoot("https"), null, purpose, setting, trust, options.PhaseTimeout, cancellationToken).ConfigureAwait(false);
        if (answer.Answer is null && registry.IsLoopback && answer.FailedPhase is { Phase: ProbePhase.Tls })
        {
            // As the engine does for a loopback registry: plain HTTP when it does not speak TLS.
            var plain = await PhasedHttpGet.GetAsync(registry.ApiRoot("http"), null, purpose, setting, trust, options.PhaseTimeout, cancellationToken).ConfigureAwait(false);
            if (plain.Answer is not null)
            {
                answer = plain;
            }
        }
        return [.. Judge(answer, registry, setting, image).Select(d => d.Location is null && location is not null ? d.At(location) : d)];
    }

    private static IReadOnlyList<Diagnostic> Judge(PhasedAnswer answer, ImageRegistryEndpoint registry, string setting, string image)
    {
        if (answer.Answer is not { } http)
        {
            return answer.FailedPhase is { } failed ? failed.Diagnostics.Where(d => d.IsError).Take(1).ToArray() : [];
        }
        var challenged = http.StatusCode == 401 && http.Headers.Keys.Any(k => k.Equals("WWW-Authenticate", StringComparison.OrdinalIgnoreCase));
        if (http.StatusCode == 200 || challenged)
        {
            return [];
        }
        var what = http.StatusCode == 401 ? $"{http} without a WWW-Authenticate challenge" : http.ToString();
        return [DiagnosticCatalog.NotAnImageRegistry.Create(registry.Name, what, setting, image)];
    }
}
