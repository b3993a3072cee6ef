using GoDocker.Core.GoEnv;

namespace GoDocker.Core.Tests.Infrastructure;

/// <summary>A fixed set of variables (names are case-sensitive, as on Linux).</summary>
public sealed class DictionaryEnvironmentSource : IEnvironmentSource
{
    private readonly IReadOnlyDictionary<string, string> _variables;

    public DictionaryEnvironmentSource(IReadOnlyDictionary<string, string> variables) => _variables = variables;

    public static DictionaryEnvironmentSource Empty { get; } = new(new Dictionary<string, string>());

    public string? GetVariable(string name) => _variables.TryGetValue(name, out var value) ? value : null;
}
