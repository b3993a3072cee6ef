using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Projects;

namespace GoDocker.Cli;

/// <summary>
/// Reads a .goproj's settings exactly as `dotnet build` sees them, by asking MSBuild to evaluate it
/// (`dotnet msbuild -getProperty`), so imports, conditions and Directory.Build.props all apply.
/// </summary>
internal static class GoProjectEvaluator
{
    private static readonly string[] PropertyNames =
    [
        ProjectPropertyNames.GoProxy, ProjectPropertyNames.GoSumDb, ProjectPropertyNames.GoPrivate, ProjectPropertyNames.GoNoProxy,
        ProjectPropertyNames.GoNoSumDb, ProjectPropertyNames.GoInsecure, ProjectPropertyNames.GoFlags, ProjectPropertyNames.GoToolchain,
        ProjectPropertyNames.GoModFile, ProjectPropertyNames.GoBaseImage, ProjectPropertyNames.GoRuntimeImage, ProjectPropertyNames.GoMainPackage,
        ProjectPropertyNames.GoDockerfileSyntax, ProjectPropertyNames.GoDockerNetwork, ProjectPropertyNames.GoDockerContext,
        ProjectPropertyNames.GoDownload, ProjectPropertyNames.GoVerify, ProjectPropertyNames.GoVerifyTimeout, ProjectPropertyNames.GoBuildFlags,
        ProjectPropertyNames.GoLdflags, ProjectPropertyNames.GoCgoEnabled, ProjectPropertyNames.GoPlatforms, "GoDockerfilePath",
    ];

    public static async Task<(GoProjectSettings Settings, IReadOnlyList<Diagnostic> Diagnostics, string DockerfilePath)> EvaluateAsync(string projectPath, CancellationToken cancellationToken)
    {
        var args = new List<string> { "msbuild", projectPath, "-nologo" };
        args.AddRange(PropertyNames.Select(p => "-getProperty:" + p));
        args.Add("-getItem:" + ProjectPropertyNames.GoCaCertificate);
        args.Add("-getItem:" + ProjectPropertyNames.GoBuildSecret);
        var result = await CliWrap.Cli.Wrap("dotnet").WithArguments(args)
            .WithWorkingDirectory(Path.GetDirectoryName(projectPath)!)
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            var reason = (result.StandardOutput + result.StandardError).Trim();
            throw new DiagnosticException(DiagnosticCatalog.InvalidPropertyValue.Create(SourceLocation.Of(projectPath), "Project", projectPath, "MSBuild could not evaluate it: " + reason));
        }

        using var json = JsonDocument.Parse(result.StandardOutput);
        var properties = json.RootElement.GetProperty("Properties").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.OrdinalIgnoreCase);
        var items = json.RootElement.TryGetProperty("Items", out var i) ? i : default;
        var certificates = Items(items, ProjectPropertyNames.GoCaCertificate).Select(e => Metadata(e, "FullPath") ?? Metadata(e, "Identity") ?? "").ToList();
        var positions = ProjectFilePositions.Read(projectPath);
        var (secrets, secretDiagnostics) = GoBuildSecretItems.Read(
            Items(items, ProjectPropertyNames.GoBuildSecret).Select(e => (Metadata(e, "Identity") ?? "", (Func<string, string?>)(name => Metadata(e, name)))).ToList(),
            positions);
        var dockerfile = properties.TryGetValue("GoDockerfilePath", out var d) && d.Length > 0 ? d : Path.Combine(Path.GetDirectoryName(projectPath)!, "obj", "godocker", "Dockerfile");
        properties.Remove("GoDockerfilePath");
        var (settings, diagnostics) = GoProjectSettingsReader.Read(projectPath, properties, certificates, secrets, positions);
        return (settings, [.. secretDiagnostics, .. diagnostics], dockerfile);
    }

    private static IEnumerable<JsonElement> Items(JsonElement items, string name) =>
        items.ValueKind == JsonValueKind.Object && items.TryGetProperty(name, out var list) ? list.EnumerateArray() : [];

    private static string? Metadata(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.GetString() is { Length: > 0 } text ? text : null;
}
