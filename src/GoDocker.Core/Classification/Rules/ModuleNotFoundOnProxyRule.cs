using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD6001: a module proxy answered 404 or 410 for a module version, list or @latest. Points at the module's require
/// line. Answers for shorter path prefixes of the same module (go tries github.com, github.com/owner, ... when it
/// looks a path up) are part of that lookup, not separate failures, so only the longest path is kept.
/// </summary>
public sealed class ModuleNotFoundOnProxyRule : IOutputRule
{
    public IEnumerable<OutputFinding> Find(BuildOutput output)
    {
        var found = new List<(OutputFinding Finding, string Module)>();
        foreach (var record in output.Records)
        {
            foreach (var answer in GoHttpFailure.In(record.Text))
            {
                if (!answer.IsNotFound || answer.Url.Role != EndpointRole.ModuleProxy)
                {
                    continue;
                }
                var mention = GoMessage.ModuleBefore(record.Text, answer.Index);
                var module = answer.Url.ModulePath ?? mention?.Path;
                if (module is null)
                {
                    continue;
                }
                var version = answer.Url.Version
                    ?? (mention is not null && string.Equals(mention.Path, module, StringComparison.OrdinalIgnoreCase) ? mention.Version : null)
                    ?? "latest";
                var finding = new OutputFinding(DiagnosticCatalog.ModuleVersionNotFound,
                    [module, version, answer.Url.Endpoint, answer.StatusWithResponse],
                    new RequirePosition(module), record.FirstLine, record.LastLine, $"{DiagnosticCatalog.ModuleVersionNotFound.Code}|{module}");
                found.Add((finding, module));
            }
        }
        return found
            .Where(f => !found.Any(o => o.Module.Length > f.Module.Length && o.Module.StartsWith(f.Module + "/", StringComparison.Ordinal)))
            .Select(f => f.Finding);
    }
}
