using GoDocker.Core.Diagnostics;
using GoDocker.Core.GoMod;
using GoDocker.Core.GoSum;
using GoDocker.Core.Modules;
using GoDocker.ProxyGateway.Protocol;
using GoDocker.ProxyGateway.Serving;

namespace GoDocker.ProxyGateway.Hosting;

/// <summary>What <c>godocker proxy warm</c> did.</summary>
public sealed record WarmResult(int Fetched, int AlreadyCached, IReadOnlyList<string> Failures)
{
    public bool Succeeded => Failures.Count == 0;
}

/// <summary>Fetches ahead of time every module file a project's go.sum or go.mod names, into the live cache.</summary>
public sealed class ModuleWarmer(ModuleFileService files)
{
    /// <summary>Reads <paramref name="path"/> (a go.sum, or anything else as a go.mod) and warms what it lists.</summary>
    public async Task<WarmResult> WarmFromFileAsync(string path, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken);
        var wanted = new List<ModuleRequest>();
        if (Path.GetFileName(path).EndsWith(".sum", StringComparison.Ordinal))
        {
            var sum = GoSumFile.Parse(path, text);
            if (sum.Errors.Count > 0)
            {
                throw new DiagnosticException(sum.Errors[0].ToDiagnostic(path));
            }

            foreach (var line in sum.Lines)
            {
                wanted.AddRange(line.IsGoMod
                    ? Requests(line.Path, line.ModuleVersion, ModuleFileKind.Mod)
                    : Requests(line.Path, line.ModuleVersion, ModuleFileKind.Info, ModuleFileKind.Mod, ModuleFileKind.Zip));
            }
        }
        else
        {
            var mod = GoModFile.TryParse(path, System.Text.Encoding.UTF8.GetBytes(text), out var diagnostics)
                ?? throw new DiagnosticException(diagnostics[0]);
            foreach (var require in mod.Require)
            {
                wanted.AddRange(Requests(require.Mod.Path, require.Mod.Version, ModuleFileKind.Info, ModuleFileKind.Mod, ModuleFileKind.Zip));
            }
        }

        return await WarmAsync(wanted, cancellationToken);
    }

    public async Task<WarmResult> WarmAsync(IEnumerable<ModuleRequest> requests, CancellationToken cancellationToken)
    {
        int fetched = 0, cached = 0;
        var failures = new List<string>();
        foreach (var request in requests.DistinctBy(r => r.Key))
        {
            try
            {
                await using var served = await files.GetLiveAsync(request, cancellationToken);
                if (served.FromCache)
                {
                    cached++;
                }
                else
                {
                    fetched++;
                }
            }
            catch (GatewayFailureException e)
            {
                failures.Add($"{request.ModulePath}@{request.Version} ({request.Kind.ToString().ToLowerInvariant()}): {e.Failure.Message}");
            }
        }

        return new WarmResult(fetched, cached, failures);
    }

    private static IEnumerable<ModuleRequest> Requests(string modulePath, string version, params ModuleFileKind[] kinds)
    {
        var escapedPath = ModulePath.EscapePath(modulePath);
        var escapedVersion = ModulePath.EscapeVersion(version);
        return kinds.Select(k => new ModuleRequest(escapedPath, k, escapedVersion) { ModulePath = modulePath, Version = version });
    }
}
