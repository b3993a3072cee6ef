using GoDocker.Core.Credentials;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Downloads;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Classification;

/// <summary>
/// The download stage's classifier: the full rule set over a project's go.mod, go.sum and project file. Diagnostics
/// that name no line (an unrecognized failure) point at go.mod, so MSBuild and IDEs list them under the project.
/// Credentials refused for a host the project already has a GoBuildSecret for are GD7013 at that item, since adding
/// a secret (GD6005's advice) is not the fix; a refused SSH host key (GD7015) points at the ssh item too.
/// </summary>
public sealed class ProjectOutputClassifier(GoOutputClassifier classifier) : IDownloadFailureClassifier
{
    public ProjectOutputClassifier()
        : this(GoOutputClassifier.Default)
    {
    }

    public IReadOnlyList<Diagnostic> Classify(string output, GoProjectSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var netrcRead = NetrcReadReport.Find(output);
        return classifier.Classify(BuildOutput.Parse(output), ProjectDiagnosticPositions.For(settings), f => Rules.PostQuantumHandshakeTimeoutRule.Restate(ProxyRefused(SecretRefused(f, settings), settings, netrcRead), Verification.ProjectVerification.ImageGoVersion(settings)))
            .Select(d => d.Location is null ? d.At(SourceLocation.Of(settings.GoModFile)) : d)
            .ToList();
    }

    private static OutputFinding SecretRefused(OutputFinding finding, GoProjectSettings settings)
    {
        if (finding.Descriptor == DiagnosticCatalog.SshHostKeyRejected && finding.Arguments is [string sshModule, var line, _, string sshHost]
            && settings.BuildSecrets.FirstOrDefault(s => s.Kind == GoBuildSecretKind.Ssh && Covers(s, sshHost)) is { } ssh)
        {
            return finding with
            {
                Arguments = [sshModule, line, $" of GoBuildSecret '{ssh.Id}' ({ssh.KnownHosts})", sshHost],
                Position = new FixedPosition(settings.Positions.Item(ProjectSettingCatalog.GoBuildSecret.Name, ssh.Id)),
            };
        }
        if (finding.Descriptor != DiagnosticCatalog.CredentialsRequired || finding.Arguments is not [string module, var gitLine, ..])
        {
            return finding;
        }
        var host = module.Split('/')[0];
        var secret = settings.BuildSecrets.FirstOrDefault(s => Covers(s, host));
        if (secret is null)
        {
            return finding;
        }
        var kind = secret.Kind.ToString().ToLowerInvariant();
        return finding with
        {
            Descriptor = DiagnosticCatalog.BuildSecretRefused,
            Arguments = [module, secret.Id, kind, host, gitLine],
            Position = new FixedPosition(settings.Positions.Item(ProjectSettingCatalog.GoBuildSecret.Name, secret.Id)),
        };
    }

    // A proxy's 401 says what the build gave and what go in the image read (GD7016, GD7017, GD7013).
    private static OutputFinding ProxyRefused(OutputFinding finding, GoProjectSettings settings, NetrcReadReport? read)
    {
        if (finding.Descriptor != DiagnosticCatalog.ProxyUnauthorized || finding.Arguments is not [string endpoint, var status, var subject])
        {
            return finding;
        }
        var rules = read?.Rules(settings.Environment.Auth) ?? GoCredentialRules.For(settings);
        var whatGoRead = read?.ToString() ?? "a netrc the stage did not report";
        if (ProxyCredentialsDiagnosis.Explain(endpoint, $"{status}", $"{subject}", settings, rules, whatGoRead, read) is not { } explained)
        {
            return finding;
        }
        return finding with
        {
            Descriptor = explained.Descriptor,
            Arguments = explained.Arguments,
            Position = explained.Location is { } at ? new FixedPosition(at) : finding.Position,
        };
    }

    // Token and ssh secrets name their host; a netrc secret covers the machines its file lists.
    private static bool Covers(GoBuildSecret secret, string host)
    {
        if (secret.Kind != GoBuildSecretKind.Netrc)
        {
            return secret.HostName == host;
        }
        return secret.ReadValue() is { } text && Uri.TryCreate("https://" + host + "/", UriKind.Absolute, out var url)
            && NetrcCredentials.Parse(text).HeaderFor(url) is not null;
    }
}
