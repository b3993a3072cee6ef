using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Downloads;

/// <summary>
/// The walking skeleton's classifier: a proxy's 404/410 for a module version at its require line, else the last
/// meaningful lines. The full classifier (GoDocker.Core.Classification) replaces it.
/// </summary>
public sealed partial class BasicDownloadFailureClassifier : IDownloadFailureClassifier
{
    public IReadOnlyList<Diagnostic> Classify(string output, GoProjectSettings settings)
    {
        var match = ProxyNotFound().Match(output);
        if (match.Success)
        {
            var path = match.Groups["path"].Value;
            var version = match.Groups["version"].Value;
            var url = match.Groups["url"].Value;
            var at = url.IndexOf("/" + Escape(path) + "/@v/", StringComparison.Ordinal);
            var proxy = at > 0 ? url[..at] : url;
            var location = RequireLine(settings.GoModFile, path) ?? SourceLocation.Of(settings.GoModFile);
            return [DiagnosticCatalog.ModuleVersionNotFound.Create(location, path, version, proxy, match.Groups["status"].Value)];
        }
        var tail = output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).TakeLast(8);
        return [DiagnosticCatalog.UnclassifiedDownloadFailure.Create(SourceLocation.Of(settings.GoModFile), string.Join("\n", tail))];
    }

    private static string Escape(string path) => string.Concat(path.Select(c => char.IsUpper(c) ? "!" + char.ToLowerInvariant(c) : c.ToString()));

    private static SourceLocation? RequireLine(string goMod, string path)
    {
        if (!File.Exists(goMod))
        {
            return null;
        }
        var lines = File.ReadAllLines(goMod);
        for (var i = 0; i < lines.Length; i++)
        {
            var column = lines[i].IndexOf(path + " ", StringComparison.Ordinal);
            if (column >= 0)
            {
                return new SourceLocation(goMod, i + 1, column + 1);
            }
        }
        return null;
    }

    [GeneratedRegex(@"(?<path>[^\s@:]+)@(?<version>[^\s:]+): reading (?<url>\S+): (?<status>(?:404|410)[^\n]*)")]
    private static partial Regex ProxyNotFound();
}
