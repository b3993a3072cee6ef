using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.GoEnv;

/// <summary>
/// Finds required modules that are evidently private but would still be looked up in the public checksum database
/// (GD1012): those fetched from their origin because of GONOPROXY yet not covered by GONOSUMDB, and those on hosts
/// that are not public DNS names (IP addresses, .internal, .corp, .lan, …). sum.golang.org cannot know them, so
/// the download fails with a 404/410 from the database.
/// </summary>
public static class PrivateModuleCoverage
{
    private static readonly string[] NonPublicSuffixes =
        [".local", ".localhost", ".localdomain", ".lan", ".home", ".internal", ".intranet", ".corp", ".private", ".test", ".invalid", ".example"];

    public static IReadOnlyList<Diagnostic> Check(GoEnvironment environment, IEnumerable<string> modulePaths, SourceLocation? location = null)
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var module in modulePaths.Distinct(StringComparer.Ordinal))
        {
            var plan = environment.PlanFetch(module);
            if (!plan.ChecksumDb.IsConsulted || plan.ChecksumDb.Name != GoSumDbSetting.DefaultValue)
            {
                continue;
            }
            var slash = module.IndexOf('/');
            var host = slash < 0 ? module : module[..slash];
            string? reason = null;
            if (environment.NoProxy.FirstMatch(module) is { } pattern)
            {
                reason = $"it matches GONOPROXY pattern '{pattern}', so it is fetched from its origin";
            }
            else if (HttpProxySettings.ParseIp(host.Split(':')[0]) is not null)
            {
                reason = $"its host '{host}' is an IP address";
            }
            else if (NonPublicSuffixes.Any(s => host.EndsWith(s, StringComparison.OrdinalIgnoreCase)))
            {
                reason = $"its host '{host}' is not a public DNS name";
            }
            if (reason is not null)
            {
                diagnostics.Add(DiagnosticCatalog.PrivateModuleNotPrivate.Create(location, module, reason, host));
            }
        }
        return diagnostics;
    }
}
