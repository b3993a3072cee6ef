using GoDocker.Core.Diagnostics;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Credentials;

/// <summary>A refused proxy request restated with what the build gave and what go did with it.</summary>
/// <param name="Location">Where to point; null keeps the original position (the GoProxy line).</param>
public sealed record ProxyCredentialsFinding(DiagnosticDescriptor Descriptor, object?[] Arguments, SourceLocation? Location);

/// <summary>
/// Explains a module proxy's 401/403 (GD3007) from the project's netrc item and go's own credential rules, so the
/// advice fits the case: no netrc item given (GD7016), an item whose entries go does not send to this URL — its port,
/// GOAUTH, or a file go could not read (GD7017) — or credentials go did send and the proxy refused (GD7013).
/// Used for the download stage's output and for verify alike.
/// </summary>
public static class ProxyCredentialsDiagnosis
{
    /// <summary>What verify says go in the image reads when no item is given: it cannot look inside the image.</summary>
    public const string ImageOwnNetrc = "only its build user's own $HOME/.netrc, which the build does not fill";

    /// <param name="endpoint">The proxy URL that answered.</param>
    /// <param name="status">Its answer, such as "401 Unauthorized".</param>
    /// <param name="subject">What was asked for (module@version or a path).</param>
    /// <param name="rules">The go command's rules: the image's Go and GOAUTH.</param>
    /// <param name="whatGoRead">The netrc the go command read, as the stage reported it; null (verify, before any build)
    /// says what the Dockerfile gives it.</param>
    /// <param name="report">The stage's report, when there is one; it says whether go could read the file.</param>
    /// <returns>The restated finding, or null when only the original one can be said (GOAUTH takes credentials
    /// from git or a command, which only run inside the build).</returns>
    public static ProxyCredentialsFinding? Explain(string endpoint, string status, string subject, GoProjectSettings settings,
        GoCredentialRules rules, string? whatGoRead, NetrcReadReport? report = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!Uri.TryCreate(endpoint.TrimEnd('/') + "/", UriKind.Absolute, out var url) || rules.ExternalMethods.Any())
        {
            return null;
        }
        var machine = rules.MachineFor(url);
        var item = settings.BuildSecrets.FirstOrDefault(s => s.Kind == GoBuildSecretKind.Netrc);
        whatGoRead ??= item is null ? ImageOwnNetrc : $"{item.MountTarget}, named by NETRC";
        if (item is null)
        {
            return new(DiagnosticCatalog.NetrcItemMissing, [endpoint, status, subject, whatGoRead, machine], null);
        }
        var itemLocation = settings.Positions.Item(ProjectSettingCatalog.GoBuildSecret.Name, item.Id);
        ProxyCredentialsFinding NotSent(string why, SourceLocation? at = null) =>
            new(DiagnosticCatalog.NetrcEntryMissing, [endpoint, status, subject, item.Id, whatGoRead, why], at ?? itemLocation);

        if (report is { Readable: false })
        {
            return NotSent($"go could not read that file, so it sent no credentials; the SDK mounts the item readable for any user, so check that the base image's RUN steps see {item.MountTarget}");
        }
        if (!rules.SendsNetrc)
        {
            return NotSent($"GOAUTH is '{rules.Auth.Raw}', so {rules.DescribeGo()} sends no netrc credentials; add 'netrc' to GoAuth (entries are separated by ';')",
                settings.GoEnvLocation("GOAUTH"));
        }
        if (url.Scheme != Uri.UriSchemeHttps)
        {
            return NotSent("go sends netrc credentials over HTTPS only; serve the proxy over HTTPS");
        }
        var netrc = item.ReadValue() is { } text ? NetrcCredentials.Parse(text).WithRules(rules) : null;
        if (netrc is null)
        {
            return null; // the host cannot read the item's source now; the original finding stands
        }
        if (netrc.GoCommandEntryFor(url) is null)
        {
            var listed = netrc.Count == 0 ? "the file has no complete 'machine ... login ... password ...' entry" : "the file lists " + string.Join(", ", netrc.Machines.Select(m => $"'machine {m}'"));
            var portNote = rules.ReadsGoAuth && !url.IsDefaultPort
                ? $" ({rules.DescribeGo()} matches the host with its port, as Go 1.24 and later do)"
                : !url.IsDefaultPort ? $" ({rules.DescribeGo()} matches the host without its port)" : "";
            return NotSent($"{listed}, and go sends credentials to this URL only from 'machine {machine}'{portNote}; add that entry");
        }
        return new(DiagnosticCatalog.BuildSecretRefused, [subject, item.Id, "netrc", machine, $"{endpoint} answered {status}, and go in the image read {whatGoRead}"], itemLocation);
    }
}
