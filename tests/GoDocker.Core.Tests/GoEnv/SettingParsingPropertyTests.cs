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
}
