using GoDocker.Core.Diagnostics;
using GoDocker.Core.GoMod;
using GoDocker.Core.GoSum;
using GoDocker.Core.Modules;

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

    /// <summary>
    /// GD1012 at the require line of each such module in <paramref name="goMod"/> (read from <paramref name="goModPath"/>).
    /// A module replaced by a directory is never downloaded, and one replaced by another module is judged by the
    /// replacement. With <paramref name="goSum"/>, modules whose zip and go.mod hashes are both recorded are left out:
    /// the go command asks the checksum database only for hashes go.sum lacks.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Check(GoEnvironment environment, GoModFile goMod, string goModPath, GoSumFile? goSum = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(goMod);
        var diagnostics = new List<Diagnostic>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var require in goMod.Require)
        {
            var fetched = Fetched(goMod, require.Mod);
            if (fetched is null || (goSum is not null && IsRecorded(goSum, fetched)) || !reported.Add(fetched.Path))
            {
                continue;
            }
            if (Reason(environment, fetched.Path) is { } found)
            {
                diagnostics.Add(DiagnosticCatalog.PrivateModuleNotPrivate.Create(
                    GoModFile.PathLocationOf(require, goModPath), fetched.Path, found.Reason, found.Host));
            }
        }
        return diagnostics;
    }

    // The module version the go command downloads for a require line: the replacement's when one applies, none for a directory.
    private static ModuleVersion? Fetched(GoModFile goMod, ModuleVersion required)
    {
        var replace = goMod.Replace.FirstOrDefault(r => r.Old.Path == required.Path && r.Old.Version == required.Version)
            ?? goMod.Replace.FirstOrDefault(r => r.Old.Path == required.Path && r.Old.Version.Length == 0);
        if (replace is null)
        {
            return required;
        }
        return replace.New.Version.Length == 0 ? null : replace.New;
    }

    private static bool IsRecorded(GoSumFile goSum, ModuleVersion module) =>
        goSum.Find(module.Path, module.Version, isGoMod: false) is not null && goSum.Find(module.Path, module.Version, isGoMod: true) is not null;

    private static (string Reason, string Host)? Reason(GoEnvironment environment, string module)
    {
        var plan = environment.PlanFetch(module);
        if (!plan.ChecksumDb.IsConsulted || plan.ChecksumDb.Name != GoSumDbSetting.DefaultValue)
        {
            return null;
        }
        var slash = module.IndexOf('/');
        var host = slash < 0 ? module : module[..slash];
        if (environment.NoProxy.FirstMatch(module) is { } pattern)
        {
            return ($"it matches GONOPROXY pattern '{pattern}', so it is fetched from its origin", host);
        }
        if (HttpProxySettings.ParseIp(host.Split(':')[0]) is not null)
        {
            return ($"its host '{host}' is an IP address", host);
        }
        if (NonPublicSuffixes.Any(s => host.EndsWith(s, StringComparison.OrdinalIgnoreCase)))
        {
            return ($"its host '{host}' is not a public DNS name", host);
        }
        return null;
    }
}
