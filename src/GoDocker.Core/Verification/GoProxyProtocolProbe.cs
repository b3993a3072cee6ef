using GoDocker.Core.Credentials;
using GoDocker.Core.GoEnv;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Modules;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Verification;

/// <summary>
/// Speaks the GOPROXY protocol to one endpoint for one required module: <c>/&lt;module&gt;/@v/list</c> on a proxy,
/// <c>?go-get=1</c> on a direct VCS host, and <c>/lookup/&lt;module&gt;@&lt;version&gt;</c> on the checksum database
/// (through the first proxy that answers <c>/sumdb/&lt;name&gt;/supported</c>, as the go command does).
/// </summary>
public static class GoProxyProtocolProbe
{
    /// <param name="buildSecrets">The GoBuildSecret items, for the direct origin's repository (GitAccessProbe).</param>
    public static Task<EndpointReport> RunAsync(ProbeTarget target, CertificateTrust trust, TimeSpan timeout, CancellationToken cancellationToken,
        NetrcCredentials? credentials = null, IReadOnlyList<GoBuildSecret>? buildSecrets = null,
        Func<Uri, string, string, Diagnostic?>? explainRefusal = null) =>
        target.Role switch
        {
            ProbeRole.GoProxy => ProbeProxyAsync(target, trust, timeout, cancellationToken, credentials, explainRefusal),
            ProbeRole.Direct => ProbeDirectAsync(target, trust, timeout, cancellationToken, credentials, buildSecrets ?? []),
            ProbeRole.Off => Task.FromResult(new EndpointReport(target, [], EndpointStatus.Failed, "disables module lookup",
                [DiagnosticCatalog.GoProxyOff.Create(target.ModulePath)])),
            _ => ProbeChecksumDbAsync(target, trust, timeout, cancellationToken),
        };

    /// <summary>The go command's case-encoding of module paths and versions ('A' becomes '!a').</summary>
    public static string Escape(string pathOrVersion) => ModulePath.EscapeCase(pathOrVersion);

    private static async Task<EndpointReport> ProbeProxyAsync(ProbeTarget target, CertificateTrust trust, TimeSpan timeout, CancellationToken cancellationToken,
        NetrcCredentials? credentials, Func<Uri, string, string, Diagnostic?>? explainRefusal)
    {
        var url = Join(target.Url, $"{Escape(target.ModulePath)}/@v/list");
        var got = await PhasedHttpGet.GetAsync(url, target.HttpProxy, target.ToString(), "GoProxy", trust, timeout, cancellationToken, credentials).ConfigureAwait(false);
        var module = target.ModulePath;
        return Judge(target, got, answer => answer.StatusCode switch
        {
            401 or 403 => (EndpointStatus.Failed, explainRefusal?.Invoke(target.Url, $"{answer}", $"{module}/@v/list")
                ?? DiagnosticCatalog.ProxyUnauthorized.Create(target.Url, answer, $"{module}/@v/list")),
            407 => (EndpointStatus.Failed, DiagnosticCatalog.ProxyUnauthorized.Create(target.Url, answer, $"{module}/@v/list")),
            404 or 410 => (EndpointStatus.NotFound, DiagnosticCatalog.ModuleVersionNotFound.Create(module, target.ModuleVersion, target.Url, answer)),
            _ => (EndpointStatus.Failed, DiagnosticCatalog.ProxyHttpError.Create(target.Url, answer, $"{module}/@v/list")),
        });
    }

    private static async Task<EndpointReport> ProbeDirectAsync(ProbeTarget target, CertificateTrust trust, TimeSpan timeout, CancellationToken cancellationToken,
        NetrcCredentials? credentials, IReadOnlyList<GoBuildSecret> buildSecrets)
    {
        var url = new UriBuilder(target.Url) { Query = "go-get=1" }.Uri;
        var got = await PhasedHttpGet.GetAsync(url, target.HttpProxy, target.ToString(), "GoPrivate", trust, timeout, cancellationToken, credentials).ConfigureAwait(false);
        var report = Judge(target, got, answer => answer.StatusCode switch
        {
            401 or 403 => (EndpointStatus.Failed, DiagnosticCatalog.CredentialsRequired.Create(target.ModulePath, $"{target.Url.Host} answered {answer}")),
            404 or 410 => (EndpointStatus.NotFound, DiagnosticCatalog.UnrecognizedImportPath.Create(target.ModulePath, $"{url} answered {answer}")),
            _ => (EndpointStatus.Failed, DiagnosticCatalog.UnrecognizedImportPath.Create(target.ModulePath, $"{url} answered {answer}")),
        });
        // The origin answered: follow its go-import tag to the repository, where git in the build goes next.
        if (report.Status != EndpointStatus.Ok || report.Answer is null || GoImport.Find(report.Answer.Body, target.ModulePath) is not { } import)
        {
            return report;
        }
        var git = await GitAccessProbe.RunAsync(target, import, buildSecrets, credentials ?? NetrcCredentials.None, trust, timeout, cancellationToken).ConfigureAwait(false);
        if (git.Summary.Length == 0)
        {
            return report;
        }
        return report with
        {
            Phases = [.. report.Phases, .. git.Phases],
            Status = git.Status,
            Summary = $"{report.Summary}; {git.Summary}",
            Diagnostics = [.. report.Diagnostics, .. git.Diagnostics],
        };
    }

    private static async Task<EndpointReport> ProbeChecksumDbAsync(ProbeTarget target, CertificateTrust trust, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var name = target.ChecksumDbName ?? target.Url.Host;
        var phases = new List<PhaseResult>();
        var steps = new List<string>();
        var database = target.Url;
        var databaseHttpProxy = target.HttpProxy;

        // The go command asks each proxy in turn whether it serves this database; 404/410 (or '|') moves on.
        foreach (var route in target.ChecksumDbRoutes)
        {
            if (route.SupportedUrl is null)
            {
                database = route.BaseUrl;
                databaseHttpProxy = route.HttpProxy;
                break;
            }
            var got = await PhasedHttpGet.GetAsync(route.SupportedUrl, route.HttpProxy, $"{route.Label} ({route.BaseUrl}) as checksum database proxy", "GoProxy", trust, timeout, cancellationToken).ConfigureAwait(false);
            phases.AddRange(got.Phases);
            if (got.Answer is { IsSuccess: true })
            {
                database = route.BaseUrl;
                databaseHttpProxy = route.HttpProxy;
                steps.Add($"{route.Label} serves /sumdb/{name}");
                break;
            }
            var what = got.Answer is null ? $"unreachable ({got.FailedPhase?.Detail})" : $"answered {got.Answer} to /sumdb/{name}/supported";
            if (got.Answer is { IsNotFound: true } || route.Fallback == GoProxyFallback.OnAnyError)
            {
                steps.Add($"{route.Label} {what}; next");
                continue;
            }
            var reason = $"{route.Label} {what}, which the go command treats as the database being unavailable";
            return new EndpointReport(target, phases, got.Answer is null ? EndpointStatus.Unreachable : EndpointStatus.Failed, reason,
                [.. got.Phases.SelectMany(p => p.Diagnostics).Where(d => d.IsError), DiagnosticCatalog.ChecksumDbUnreachable.Create(name, reason)]);
        }

        var lookup = Join(database, $"lookup/{Escape(target.ModulePath)}@{Escape(target.ModuleVersion)}");
        var answer = await PhasedHttpGet.GetAsync(lookup, databaseHttpProxy, target.ToString(), "GoSumDb", trust, timeout, cancellationToken).ConfigureAwait(false);
        phases.AddRange(answer.Phases);
        var via = steps.Count == 0 ? "" : string.Join("; ", steps) + "; ";
        var report = Judge(target, new PhasedAnswer(phases, answer.Answer), a => a.StatusCode switch
        {
            404 or 410 => (EndpointStatus.NotFound, DiagnosticCatalog.ChecksumDbNotFound.Create(a, target.ModulePath, target.ModuleVersion, PrivatePattern(target.ModulePath))),
            _ => (EndpointStatus.Failed, DiagnosticCatalog.ChecksumDbUnreachable.Create(name, $"{lookup} answered {a}")),
        });
        if (answer.Answer is null)
        {
            var reason = $"{lookup}: {answer.FailedPhase?.Detail}";
            report = report with { Diagnostics = [.. report.Diagnostics, DiagnosticCatalog.ChecksumDbUnreachable.Create(name, reason)] };
        }
        return report with { Summary = via + report.Summary };
    }

    private static EndpointReport Judge(ProbeTarget target, PhasedAnswer got, Func<HttpAnswer, (EndpointStatus Status, Diagnostic Diagnostic)> onError)
    {
        var notes = got.Phases.SelectMany(p => p.Diagnostics).ToList();
        if (got.Answer is null)
        {
            var failed = got.FailedPhase!;
            var kind = failed.Outcome == ProbeOutcome.TimedOut ? "timed out" : "failed";
            return new EndpointReport(target, got.Phases, EndpointStatus.Unreachable, $"unreachable ({ProbePhaseNames.Of(failed.Phase)} {kind}: {failed.Detail})", notes);
        }
        if (got.Answer.IsSuccess)
        {
            return new EndpointReport(target, got.Phases, EndpointStatus.Ok, $"answered {got.Answer}", notes) { Answer = got.Answer };
        }
        var (status, diagnostic) = onError(got.Answer);
        return new EndpointReport(target, got.Phases, status, $"answered {got.Answer}", [.. notes, diagnostic]) { Answer = got.Answer };
    }

    /// <summary>The GOPRIVATE pattern to suggest: the module's first path element (its host).</summary>
    private static string PrivatePattern(string modulePath)
    {
        var slash = modulePath.IndexOf('/');
        return slash < 0 ? modulePath : modulePath[..slash];
    }

    private static Uri Join(Uri baseUri, string relative)
    {
        var text = baseUri.AbsoluteUri;
        return new Uri(text.EndsWith('/') ? text + relative : text + "/" + relative);
    }
}
