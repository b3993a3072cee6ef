using GoDocker.Core.Credentials;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Verification;

/// <summary>
/// After a direct origin named its repository (go-import), asks that repository what git in the build will: with a
/// token secret for its host, <c>info/refs?service=git-upload-pack</c> with the token as git sends it (a refused token
/// is GD7013 before any Docker work); with an ssh secret, whether an SSH server answers where the rewritten URL points;
/// without either, the same request with the build's netrc, where 401 means the build needs a secret (GD6005).
/// </summary>
public static class GitAccessProbe
{
    public static async Task<GitAccess> RunAsync(ProbeTarget target, GoImport import, IReadOnlyList<GoBuildSecret> secrets,
        NetrcCredentials netrc, CertificateTrust trust, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(import);
        ArgumentNullException.ThrowIfNull(secrets);
        if (import.Vcs != "git" || !Uri.TryCreate(import.RepoRoot, UriKind.Absolute, out var repo) || repo.Scheme != Uri.UriSchemeHttps)
        {
            return GitAccess.NotChecked; // another VCS, a module zip (mod), or a scheme no secret rewrites
        }
        // git applies the rewrite of the secret whose https://<Host>/ starts the repository URL.
        var secret = secrets.FirstOrDefault(s => s.Kind is GoBuildSecretKind.Token or GoBuildSecretKind.Ssh
            && import.RepoRoot.StartsWith($"https://{s.Host}/", StringComparison.OrdinalIgnoreCase));
        return secret?.Kind == GoBuildSecretKind.Ssh
            ? await SshAsync(target, secret, timeout, cancellationToken).ConfigureAwait(false)
            : await HttpsAsync(target, repo, secret, secrets, netrc, trust, timeout, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<GitAccess> SshAsync(ProbeTarget target, GoBuildSecret secret, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (host, port) = (secret.HostName!, secret.HostPort ?? 22);
        var (phases, banner) = await SshBannerProbe.RunAsync(host, port, $"git over SSH for {target.ModulePath}",
            $"GoBuildSecret '{secret.Id}' Host", timeout, cancellationToken).ConfigureAwait(false);
        return banner is not null
            ? new GitAccess(phases, EndpointStatus.Ok, $"git: ssh://{secret.GitUser}@{host}:{port} answers ({banner})", [])
            : Failed(phases, $"git over SSH to {host}:{port}");
    }

    private static async Task<GitAccess> HttpsAsync(ProbeTarget target, Uri repo, GoBuildSecret? token, IReadOnlyList<GoBuildSecret> secrets, NetrcCredentials netrc,
        CertificateTrust trust, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // git in the build reads the netrc through the SDK's credential helper, which matches the host without its
        // port whatever the go release or GOAUTH (those rule the go command's own requests only).
        netrc = netrc.WithRules(GoCredentialRules.GitCredentialHelper);
        var credentials = netrc;
        string? used = null;
        // The token as the build's shell reads it: $(cat file) drops trailing newlines.
        if (token?.ReadValue()?.TrimEnd('\n') is { Length: > 0 } value)
        {
            credentials = NetrcCredentials.Parse($"machine {repo.Host} login {token.GitUser} password {value}\n");
            used = $"GoBuildSecret '{token.Id}'";
        }
        var url = new Uri(repo.AbsoluteUri.TrimEnd('/') + "/info/refs?service=git-upload-pack");
        var shown = repo.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/info/refs";
        var got = await PhasedHttpGet.GetAsync(url, target.HttpProxy, $"the Git repository of {target.ModulePath}", "GoPrivate", trust, timeout,
            cancellationToken, credentials).ConfigureAwait(false);
        if (got.Answer is null)
        {
            return Failed(got.Phases, $"git at {repo.Authority}");
        }
        var answer = got.Answer;
        var with = used is null ? "" : $" with {used}";
        if (answer.IsSuccess)
        {
            return new GitAccess(got.Phases, EndpointStatus.Ok, $"git: {shown} answered {answer}{with}", []);
        }
        var what = $"{shown} answered {answer}";
        var netrcCovers = token is null && netrc.GoCommandHeaderFor(url) is not null;
        var diagnostic = answer.StatusCode switch
        {
            401 or 403 when token is not null => DiagnosticCatalog.BuildSecretRefused.Create(target.ModulePath, token.Id, "token", token.Host, what),
            401 or 403 when netrcCovers => DiagnosticCatalog.BuildSecretRefused.Create(target.ModulePath,
                secrets.FirstOrDefault(s => s.Kind == GoBuildSecretKind.Netrc)?.Id ?? "netrc", "netrc", repo.Host, what),
            401 or 403 => DiagnosticCatalog.CredentialsRequired.Create(target.ModulePath, what),
            _ => DiagnosticCatalog.UnrecognizedImportPath.Create(target.ModulePath, what),
        };
        return new GitAccess(got.Phases, EndpointStatus.Failed, $"git: {what}{with}", [diagnostic]);
    }

    private static GitAccess Failed(IReadOnlyList<PhaseResult> phases, string what)
    {
        var failed = phases.LastOrDefault(p => !p.Passed);
        var kind = failed?.Outcome == ProbeOutcome.TimedOut ? "timed out" : "failed";
        var detail = failed is null ? what : $"{what} unreachable ({ProbePhaseNames.Of(failed.Phase)} {kind}: {failed.Detail})";
        var status = failed?.Phase == ProbePhase.Ssh ? EndpointStatus.Failed : EndpointStatus.Unreachable;
        return new GitAccess(phases, status, "git: " + detail, phases.SelectMany(p => p.Diagnostics).ToList());
    }
}

/// <summary>What <see cref="GitAccessProbe"/> found: its phases, the outcome, a summary clause and diagnostics.</summary>
public sealed record GitAccess(IReadOnlyList<PhaseResult> Phases, EndpointStatus Status, string Summary, IReadOnlyList<Diagnostic> Diagnostics)
{
    public static GitAccess NotChecked { get; } = new([], EndpointStatus.Ok, "", []);
}
