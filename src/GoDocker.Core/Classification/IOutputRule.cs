namespace GoDocker.Core.Classification;

/// <summary>One kind of failure (one concept) recognized in go or docker build output.</summary>
public interface IOutputRule
{
    IEnumerable<OutputFinding> Find(BuildOutput output);
}

/// <summary>A rule that looks at one message at a time, which is what most go errors are.</summary>
public abstract class RecordRule : IOutputRule
{
    public IEnumerable<OutputFinding> Find(BuildOutput output) =>
        output.Records.SelectMany(Match);

    protected abstract IEnumerable<OutputFinding> Match(OutputRecord record);
}
