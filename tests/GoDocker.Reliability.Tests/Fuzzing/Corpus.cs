namespace GoDocker.Reliability.Tests.Fuzzing;

/// <summary>The real-world go.mod, go.sum and go.work files of GoDocker.Core.Tests, linked into this project's output.</summary>
public static class Corpus
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "TestData", "real-world");

    public static IReadOnlyDictionary<string, byte[]> GoMods { get; } = Load("go.mod", "vendor.mod");
    public static IReadOnlyDictionary<string, byte[]> GoSums { get; } = Load("go.sum");
    public static IReadOnlyDictionary<string, byte[]> GoWorks { get; } = Load("go.work");

    private static Dictionary<string, byte[]> Load(params string[] names)
    {
        var files = names
            .SelectMany(n => Directory.GetFiles(Root, n, SearchOption.AllDirectories))
            .ToDictionary(p => Path.GetRelativePath(Root, p).Replace('\\', '/'), File.ReadAllBytes, StringComparer.Ordinal);
        if (files.Count == 0)
        {
            throw new InvalidOperationException($"no {string.Join(" or ", names)} under {Root}: the corpus link in the csproj is broken");
        }
        return files;
    }
}
