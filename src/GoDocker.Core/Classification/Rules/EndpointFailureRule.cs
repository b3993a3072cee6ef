using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// Shared shape of the network and TLS rules: a failure phrase in a message, the URL go was fetching when it happened
/// (its host, and whether it was the module proxy, the checksum database or a repository) and the module it wanted.
/// One finding per failing host: the cause is the path to that host, however many modules hit it.
/// </summary>
public abstract class EndpointFailureRule : RecordRule
{
    protected abstract Regex Pattern { get; }

    protected abstract DiagnosticDescriptor Descriptor { get; }

    protected abstract object?[] Arguments(Match match, EndpointContext context);

    /// <summary>For rules whose phrase decides between several codes (the x509 variants).</summary>
    protected virtual DiagnosticDescriptor DescriptorFor(Match match) => Descriptor;

    protected virtual PositionHint Position(Match match, EndpointContext context) =>
        context.Url is { Role: not EndpointRole.Repository } url
            ? new PropertyPosition(GoMessage.SettingOf(url.Role)).OrElse(RequireOf(context))
            : RequireOf(context);

    protected override IEnumerable<OutputFinding> Match(OutputRecord record)
    {
        foreach (Match match in Pattern.Matches(record.Text))
        {
            var url = GoMessage.UrlBefore(record.Text, match.Index);
            var module = GoMessage.ModuleBefore(record.Text, url is null ? match.Index : record.Text.IndexOf(url.Url, StringComparison.Ordinal));
            var context = new EndpointContext(url, module, record.Text);
            var host = context.Host(match);
            var descriptor = DescriptorFor(match);
            yield return new OutputFinding(descriptor, Arguments(match, context), Position(match, context),
                record.FirstLine, record.LastLine, $"{descriptor.Code}|{host}");
        }
    }

    // A direct fetch (?go-get=1) names the module in its URL when go printed no module@version.
    protected static PositionHint RequireOf(EndpointContext context) =>
        (context.Module?.Path ?? context.Url?.ModulePath) is { } path ? new RequirePosition(path, OrParent: context.Module is null) : PositionHint.None;
}

/// <summary>What an endpoint failure was about: the URL (if go printed one) and the module being fetched.</summary>
public sealed record EndpointContext(FetchedUrl? Url, ModuleMention? Module, string Text)
{
    /// <summary>The host that failed: the URL's, else a host named in the match.</summary>
    public string Host(Match match) =>
        match.Groups["host"] is { Success: true } g ? g.Value : Url?.Host ?? "the server";

    /// <summary>"module@version" when go named it, else the URL, for "for {1}" in messages.</summary>
    public string Subject => Module?.ToString() ?? Url?.Url ?? "the module download";

    /// <summary>The setting that names the endpoint, for "check X" advice.</summary>
    public string Setting => Url is null ? "GoProxy" : Url.Role == EndpointRole.Repository ? "the module path in go.mod" : GoMessage.SettingOf(Url.Role);

    /// <summary>"host (ip:port)" so the user sees both the name they configured and the address that failed.</summary>
    public string Endpoint(string? address) =>
        Url is null ? address ?? "the server" : address is null ? Url.Host : $"{Url.Host} ({address})";
}
