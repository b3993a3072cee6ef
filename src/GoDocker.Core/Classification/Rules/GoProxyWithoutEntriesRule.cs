using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD1016: <c>GOPROXY list is not the empty string, but contains no entries</c> (modfetch/proxy.go): GOPROXY holds
/// only separators, so no module can be fetched. A settings problem, whatever module go was fetching at the time.
/// </summary>
public sealed class GoProxyWithoutEntriesRule : RecordRule
{
    private const string Phrase = "GOPROXY list is not the empty string, but contains no entries";

    protected override IReadOnlyList<string> Phrases { get; } = [Phrase];

    protected override IEnumerable<OutputFinding> Match(OutputRecord record)
    {
        var mention = GoMessage.ModuleBefore(record.Text, record.Text.IndexOf(Phrase, StringComparison.Ordinal));
        var context = mention is null ? "while loading packages" : $"while fetching {mention}";
        yield return new OutputFinding(DiagnosticCatalog.GoProxyWithoutEntries, [context], new PropertyPosition("GoProxy"),
            record.FirstLine, record.LastLine, DiagnosticCatalog.GoProxyWithoutEntries.Code);
    }
}
