using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD6002: the checksum database (or a proxy serving /sumdb/) answered 404/410 for a lookup or tile. For a private
/// module the database can never know it, so the fix is GOPRIVATE/GONOSUMDB; the server response is kept in the
/// message because for a public module it says what really went wrong (a tag not yet fetched, a bad zip).
/// </summary>
public sealed class ChecksumDatabaseNotFoundRule : RecordRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["://"];

    protected override IEnumerable<OutputFinding> Match(OutputRecord record)
    {
        foreach (var answer in GoHttpFailure.In(record.Text))
        {
            if (!answer.IsNotFound || answer.Url.Role != EndpointRole.ChecksumDatabase)
            {
                continue;
            }
            // "verifying M@V: ... reading https://sum.golang.org/tile/...": the tile names no module, the prefix does.
            var verifying = GoMessage.VerifyingModule(record.Text);
            var mention = GoMessage.ModuleBefore(record.Text, answer.Index);
            var module = verifying?.Path ?? answer.Url.ModulePath ?? mention?.Path;
            var version = verifying?.Version ?? answer.Url.Version ?? mention?.Version ?? "latest";
            if (module is null)
            {
                continue;
            }
            yield return new OutputFinding(DiagnosticCatalog.ChecksumDbNotFound,
                [answer.StatusWithResponse, module, version, GoMessage.PrivatePattern(module)],
                new RequirePosition(module).OrElse(new PropertyPosition("GoPrivate")),
                record.FirstLine, record.LastLine, $"{DiagnosticCatalog.ChecksumDbNotFound.Code}|{module}");
        }
    }
}
