using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// Other HTTP answers from the module proxy or checksum database: 401/403 mean credentials (GD3007), any other
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
                { StatusCode: 401 or 403 or 407 } => (DiagnosticCatalog.ProxyUnauthorized, new object?[] { answer.Url.Endpoint, answer.StatusWithResponse, subject }),
                _ => (DiagnosticCatalog.ProxyHttpError, new object?[] { answer.Url.Endpoint, answer.StatusWithResponse, subject }),
            };
            yield return new OutputFinding(descriptor, args, position, record.FirstLine, record.LastLine,
                $"{descriptor.Code}|{answer.Url.Endpoint}|{answer.StatusCode}");
        }
    }
}
