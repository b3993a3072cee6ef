namespace GoDocker.Core.Classification;

/// <summary>One kind of failure (one concept) recognized in go or docker build output.</summary>
public interface IOutputRule
{
    IEnumerable<OutputFinding> Find(BuildOutput output);
}

/// <summary>A rule that looks at one message at a time, which is what most go errors are.</summary>
public abstract class RecordRule : IOutputRule
{
    public IEnumerable<OutputFinding> Find(BuildOutput output)
    {
        foreach (var record in output.Records)
        {
            var found = MayMatch(record) ? Match(record).ToList() : [];
            // A message a terminal, CI log or paste wrapped onto space-indented lines ("... i/o\n   timeout") is
            // read again joined; go's own continuation lines are tab-indented and match as they are.
            if (found.Count == 0 && record.Unwrapped() is { } unwrapped && MayMatch(unwrapped))
            {
                found = Match(unwrapped).ToList();
            }
            foreach (var finding in found)
            {
                yield return finding;
            }
        }
    }

    /// <summary>
    /// Literal phrases at least one of which every match contains. Checked before the regular expressions, so logs of
    /// tens of thousands of lines (and single lines of megabytes) stay linear.
    /// </summary>
    protected abstract IReadOnlyList<string> Phrases { get; }

    private bool MayMatch(OutputRecord record) =>
        Phrases.Any(p => record.Text.Contains(p, StringComparison.Ordinal));

    protected abstract IEnumerable<OutputFinding> Match(OutputRecord record);
}
