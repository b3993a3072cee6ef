using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD3005: <c>proxyconnect tcp: ...</c> means the failure was talking to the HTTP(S)_PROXY, not to the module proxy,
/// so it must win over the DNS/refused/timeout rules that match the inner error. The proxy comes from the environment
/// (no project line), so the diagnostic points at the module go was fetching, as go named it.
/// </summary>
public sealed partial class HttpProxyFailedRule : EndpointFailureRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["proxyconnect"];

    protected override Regex Pattern => ProxyConnect();

    protected override DiagnosticDescriptor Descriptor => DiagnosticCatalog.HttpProxyFailed;

    protected override object?[] Arguments(Match match, EndpointContext context)
    {
        var reason = match.Groups["reason"].Value.Trim();
        var proxy = match.Groups["proxy"].Success ? match.Groups["proxy"].Value : "set in HTTPS_PROXY/HTTP_PROXY";
        return [proxy, context.Url?.Url ?? context.Subject, reason];
    }


    protected override PositionHint Position(Match match, EndpointContext context) => RequireOf(context);

    [GeneratedRegex(@"proxyconnect tcp: (?<reason>dial tcp: lookup (?<proxy>[^\s:]+)[^\n]*|dial tcp (?<proxy>[^\s]+?): [^\n]*|[^\n]*)")]
    private static partial Regex ProxyConnect();
}
