using FsCheck.Xunit;
using GoDocker.Core.GoEnv;

namespace GoDocker.Core.Tests.GoEnv;

/// <summary>Settings come from users' files and environments: no value may crash the readers.</summary>
public class SettingParsingPropertyTests
{
    private static string Text(string? s) => s ?? string.Empty;

    [Property(MaxTest = 300)]
    public bool Goproxy_parsing_never_throws_and_errors_leave_usable_entries(string? value)
    {
        var result = GoProxyList.Parse(Text(value));
        return result.Value.Entries.All(e => e.Url.Length > 0) && (result.IsValid || result.Errors[0].Message.Length > 0);
    }

    [Property(MaxTest = 300)]
    public bool Gosumdb_parsing_never_throws(string? value)
    {
        var result = GoSumDbSetting.Parse(Text(value));
        return result.IsValid == (result.Value.IsOff || result.Value.Name is not null);
    }

    [Property(MaxTest = 300)]
    public bool Goflags_parsing_never_throws_in_either_syntax(string? value) =>
        GoFlags.Parse(Text(value), GoFlagsSyntax.Quoted).Value.Flags.All(f => f.Word.StartsWith('-'))
        && GoFlags.Parse(Text(value), GoFlagsSyntax.Fields).Value.Flags.All(f => f.Word.StartsWith('-'));

    [Property(MaxTest = 300)]
    public bool Gotoolchain_parsing_never_throws(string? value)
    {
        var result = GoToolchainSetting.Parse(Text(value));
        return !result.IsValid || result.Value.IsLocalMinimum || GoDocker.Core.Modules.GoVersion.IsValid(result.Value.MinimumVersion!);
    }

    [Property(MaxTest = 300)]
    public bool Http_proxy_choice_never_throws(string? noProxy, string? host, string? proxy)
    {
        var settings = new HttpProxySettings(Text(proxy), Text(proxy), Text(noProxy), Cgi: false);
        var decision = settings.ProxyFor("https://" + Text(host) + "/x");
        return decision.Reason.Length > 0;
    }

    [Property(MaxTest = 100)]
    public bool Probe_plans_never_throw(string? goproxy, string? goprivate, string? module)
    {
        // Required paths come from a parsed go.mod, so they are valid module paths; the settings are arbitrary.
        var required = GoDocker.Core.Modules.ModulePath.CheckPath(Text(module)) is null ? Text(module) : "golang.org/x/text";
        var env = GoEnvironmentReader.Read(new DictionaryEnvironmentSource(new Dictionary<string, string>
        {
            ["GOPROXY"] = Text(goproxy),
            ["GOPRIVATE"] = Text(goprivate),
        }), InMemoryTextFileSource.Empty);
        var plan = GoDocker.Core.Verification.ProbePlan.For(env, required, "v1.0.0");
        return plan.Targets.Count >= 1 || plan.Blockers.Count >= 1;
    }

    [Theory]
    [InlineData(":")]
    [InlineData("'/")]
    [InlineData("https://:")]
    public void A_GOPROXY_entry_no_client_can_ask_is_a_GD1001_blocker_not_a_crash(string goproxy)
    {
        var env = GoEnvironmentReader.Read(new DictionaryEnvironmentSource(new Dictionary<string, string> { ["GOPROXY"] = goproxy }), InMemoryTextFileSource.Empty);

        var plan = GoDocker.Core.Verification.ProbePlan.For(env, "golang.org/x/text", "v1.0.0");

        Assert.Contains(plan.Blockers, d => d.Code == "GD1001");
    }
}
