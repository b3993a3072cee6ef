using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Projects;

namespace GoDocker.Cli;

/// <summary>
/// Evaluates a .goproj exactly as `dotnet build` sees it, by asking MSBuild for every setting of
/// <see cref="ProjectSettingCatalog"/> (`dotnet msbuild -getProperty`), so imports, conditions, Directory.Build.props and
/// the SDK's own defaults all apply; then parses it once, as the build does.
/// </summary>
internal static class GoProjectEvaluator
{
    public static async Task<GoProject> EvaluateAsync(string projectPath, CancellationToken cancellationToken) =>
        (await EvaluateAsync(projectPath, [], cancellationToken).ConfigureAwait(false)).Project;

    /// <summary>The project plus the values of <paramref name="extraProperties"/> (such as Version for publish), in the same evaluation.</summary>
    public static async Task<(GoProject Project, IReadOnlyDictionary<string, string> Extra)> EvaluateAsync(string projectPath, IReadOnlyList<string> extraProperties, CancellationToken cancellationToken)
    {
        var args = new List<string> { "msbuild", projectPath, "-nologo" };
        args.AddRange(ProjectSettingCatalog.Properties.Select(p => "-getProperty:" + p.Name));
        args.AddRange(extraProperties.Select(p => "-getProperty:" + p));
        args.AddRange(ProjectSettingCatalog.All.Where(s => s.IsItem).Select(i => "-getItem:" + i.Name));
        var result = await CliWrap.Cli.Wrap("dotnet").WithArguments(args)
            .WithWorkingDirectory(Path.GetDirectoryName(projectPath)!)
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            var reason = (result.StandardOutput + result.StandardError).Trim();
            throw new DiagnosticException(DiagnosticCatalog.ProjectEvaluationFailed.Create(SourceLocation.Of(projectPath), projectPath, reason));
        }

        using var json = JsonDocument.Parse(result.StandardOutput);
        var properties = json.RootElement.GetProperty("Properties").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.OrdinalIgnoreCase);
        var items = json.RootElement.TryGetProperty("Items", out var i) ? i : default;
        var extra = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in extraProperties)
        {
            if (properties.Remove(name, out var value))
            {
                extra[name] = value;
            }
        }
        var project = GoProject.Load(new GoProjectInput(projectPath)
        {
            Properties = properties,
            CaCertificates = [.. Items(items, ProjectSettingCatalog.GoCaCertificate.Name).Select(e => Metadata(e, "FullPath") ?? Metadata(e, "Identity") ?? "")],
            BuildSecrets = [.. Items(items, ProjectSettingCatalog.GoBuildSecret.Name).Select(e => new ProjectItem(Metadata(e, "Identity") ?? "", name => Metadata(e, name)))],
            EnvironmentVariables = [.. Items(items, ProjectSettingCatalog.GoEnvironmentVariable.Name).Select(e => new ProjectItem(Metadata(e, "Identity") ?? "", name => Metadata(e, name)))],
            ImageLabels = [.. Items(items, ProjectSettingCatalog.GoImageLabel.Name).Select(e => new ProjectItem(Metadata(e, "Identity") ?? "", name => Metadata(e, name)))],
        });
        return (project, extra);
    }

    private static IEnumerable<JsonElement> Items(JsonElement items, string name) =>
        items.ValueKind == JsonValueKind.Object && items.TryGetProperty(name, out var list) ? list.EnumerateArray() : [];

    private static string? Metadata(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.GetString() is { Length: > 0 } text ? text : null;
}
