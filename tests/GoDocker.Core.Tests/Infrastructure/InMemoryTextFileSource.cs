using GoDocker.Core.GoEnv;

namespace GoDocker.Core.Tests.Infrastructure;

/// <summary>Files held in memory, keyed by path.</summary>
public sealed class InMemoryTextFileSource : ITextFileSource
{
    private readonly IReadOnlyDictionary<string, string> _files;

    public InMemoryTextFileSource(IReadOnlyDictionary<string, string> files) => _files = files;

    public static InMemoryTextFileSource Empty { get; } = new(new Dictionary<string, string>());

    public string? TryReadAllText(string path) => _files.TryGetValue(path, out var text) ? text : null;
}
