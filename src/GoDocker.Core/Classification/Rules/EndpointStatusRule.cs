using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// Other HTTP answers from the module proxy or checksum database: 401/403 mean credentials (GD3007) unless the 403
/// comes from a public proxy or names a policy (GD3021, a network block that no credentials lift), any other
/// error from a proxy stops the GOPROXY list under ',' (GD3006), and a checksum database error is GD3008.
/// </summary>
public sealed class EndpointStatusRule : RecordRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["://"];

    protected override IEnumerable<OutputFinding> Match(OutputRecord record)
    {
        foreach (var answer in GoHttpFailure.In(record.Text))
        {
            if (answer.IsNotFound || answer.StatusCode < 400 || answer.Url.Role == EndpointRole.Repository)
            {
                continue;
            }
            var mention = GoMessage.ModuleBefore(record.Text, answer.Index);
            var subject = answer.Url.ModulePath is { } m ? (answer.Url.Version is { } v ? $"{m}@{v}" : m) : mention?.ToString() ?? answer.Url.Url;
            var setting = GoMessage.SettingOf(answer.Url.Role);
            PositionHint position = new PropertyPosition(setting);
            if ((answer.Url.ModulePath ?? mention?.Path) is { } module)
            {
                position = position.OrElse(new RequirePosition(module));
            }
            var (descriptor, args) = answer switch
            {
                { Url.Role: EndpointRole.ChecksumDatabase } => (DiagnosticCatalog.ChecksumDbUnreachable, new object?[] { answer.Url.Endpoint, answer.StatusWithResponse }),
                { StatusCode: 403 } when IsNetworkPolicy(answer) => (DiagnosticCatalog.ProxyForbiddenByPolicy, new object?[] { answer.Url.Endpoint, answer.StatusWithResponse, subject }),
                { StatusCode: 401 or 403 or 407 } => (DiagnosticCatalog.ProxyUnauthorized, new object?[] { answer.Url.Endpoint, answer.StatusWithResponse, subject }),
                _ => (DiagnosticCatalog.ProxyHttpError, new object?[] { answer.Url.Endpoint, answer.StatusWithResponse, subject }),
            };
            yield return new OutputFinding(descriptor, args, position, record.FirstLine, record.LastLine,
                $"{descriptor.Code}|{answer.Url.Endpoint}|{answer.StatusCode}");
        }
    }

    // A public proxy never asks for credentials: its 403 is a block (a security block of the module, a region, an
    // egress policy of the network). So is a 403 whose body names a policy, whoever sent it.
    private static bool IsNetworkPolicy(GoHttpFailure answer) =>
        PublicProxies.Contains(answer.Url.Host)
        || answer.ServerResponse is { } body && PolicyWords.Any(w => body.Contains(w, StringComparison.OrdinalIgnoreCase));

    private static readonly HashSet<string> PublicProxies = new(StringComparer.OrdinalIgnoreCase)
    {
        "proxy.golang.org", "goproxy.cn", "goproxy.io", "proxy.golang.com.cn", "mirrors.aliyun.com", "goproxy.dev",
    };

    private static readonly string[] PolicyWords =
        ["policy", "SecurityPolicyViolated", "VPC Service Controls", "blocked", "firewall", "not allowed", "administrator"];
}
