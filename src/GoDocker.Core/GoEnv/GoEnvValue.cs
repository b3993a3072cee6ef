using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.GoEnv;

/// <summary>One Go setting: its effective value and where it came from (with the file line when from an env file).</summary>
public sealed record GoEnvValue(string Name, string Value, GoEnvSource Source, SourceLocation? Location = null)
{
    public override string ToString() => $"{Name}={Value} ({Source})";
}
