using System.Text.Json;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Testing;

/// <summary>
/// What the build hands the test application that `dotnet test` launches in Microsoft.Testing.Platform mode: the
/// project exactly as MSBuild evaluated it (settings and items), where the TRX goes and the gateway to run. A file,
/// because the test application is a separate process started by dotnet test, not by MSBuild.
/// </summary>
public sealed record GoTestApplicationRequest(GoProjectInput Input, string ResultsDirectory, string? GatewayAssembly)
{
    private static readonly string[] ValueMetadata = ["Value"];

    public void Write(string path)
    {
        var document = new FileShape
        {
            ProjectPath = Input.ProjectPath,
            Properties = new Dictionary<string, string>(Input.Properties, StringComparer.OrdinalIgnoreCase),
            CaCertificates = [.. Input.CaCertificates],
            BuildSecrets = Items(Input.BuildSecrets, GoBuildSecretItems.MetadataNames),
            EnvironmentVariables = Items(Input.EnvironmentVariables, ValueMetadata),
            ImageLabels = Items(Input.ImageLabels, ValueMetadata),
            ResultsDirectory = ResultsDirectory,
            GatewayAssembly = GatewayAssembly,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(document));
    }

    /// <exception cref="InvalidDataException">The file is not a request this version wrote.</exception>
    public static GoTestApplicationRequest Read(string path)
    {
        FileShape? document;
        try
        {
            document = JsonSerializer.Deserialize<FileShape>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a GoDocker test request: {e.Message}", e);
        }
        if (document?.ProjectPath is not { Length: > 0 })
        {
            throw new InvalidDataException($"{path} names no project.");
        }
        var input = new GoProjectInput(document.ProjectPath)
        {
            Properties = new Dictionary<string, string>(document.Properties ?? [], StringComparer.OrdinalIgnoreCase),
            CaCertificates = document.CaCertificates ?? [],
            BuildSecrets = ToItems(document.BuildSecrets),
            EnvironmentVariables = ToItems(document.EnvironmentVariables),
            ImageLabels = ToItems(document.ImageLabels),
        };
        return new GoTestApplicationRequest(input, document.ResultsDirectory ?? "", document.GatewayAssembly);
    }

    private static List<ItemShape> Items(IReadOnlyList<ProjectItem> items, IReadOnlyList<string> metadataNames) =>
        [.. items.Select(i => new ItemShape
        {
            Include = i.Include,
            Metadata = metadataNames.Select(n => (n, v: i.Metadata(n))).Where(x => !string.IsNullOrEmpty(x.v)).ToDictionary(x => x.n, x => x.v!, StringComparer.OrdinalIgnoreCase),
        })];

    private static List<ProjectItem> ToItems(List<ItemShape>? items) =>
        [.. (items ?? []).Select(i =>
        {
            var metadata = new Dictionary<string, string>(i.Metadata ?? [], StringComparer.OrdinalIgnoreCase);
            return new ProjectItem(i.Include ?? "", name => metadata.TryGetValue(name, out var v) ? v : null);
        })];

    private sealed class FileShape
    {
        public string? ProjectPath { get; set; }
        public Dictionary<string, string>? Properties { get; set; }
        public List<string>? CaCertificates { get; set; }
        public List<ItemShape>? BuildSecrets { get; set; }
        public List<ItemShape>? EnvironmentVariables { get; set; }
        public List<ItemShape>? ImageLabels { get; set; }
        public string? ResultsDirectory { get; set; }
        public string? GatewayAssembly { get; set; }
    }

    private sealed class ItemShape
    {
        public string? Include { get; set; }
        public Dictionary<string, string>? Metadata { get; set; }
    }
}
