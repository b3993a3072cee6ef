namespace GoDocker.Core.GoEnv;

/// <summary>One GOFLAGS word: <c>-name</c> or <c>-name=value</c> (also with two dashes).</summary>
public sealed record GoFlag(string Word, string Name, string? Value)
{
    public bool HasValue => Value is not null;

    public override string ToString() => Word;
}
