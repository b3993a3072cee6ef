using System.Collections.Concurrent;
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

/// <summary>
/// Fetches ahead of time every module file a project's go.sum or go.mod names, into the live cache, a few at a time:
/// for <c>godocker proxy warm</c>, and for a gateway started with a go.sum to prefetch (the build's gateway).
/// </summary>
public sealed class ModuleWarmer(ModuleFileService files)
{
    /// <summary>
    /// Fetches at once: the cores, at least 2. On a near upstream a fetch is CPU-bound (more only slowed the go command
    /// the gateway serves meanwhile, build/bench/README.md); on a distant one, any overlap beats the go command, which
    /// asks for every .info and .mod one at a time.
    /// </summary>
    public static int Parallelism { get; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Reads <paramref name="path"/> (a go.sum, or anything else as a go.mod) and warms what it lists.</summary>
    public async Task<WarmResult> WarmFromFileAsync(string path, CancellationToken cancellationToken) =>
        await WarmAsync(ReadList(path), cancellationToken);

    /// <summary>
    /// The files a go.sum (or go.mod) names, in the order the go command asks for them: every version's .info and .mod
    /// first, then the zips. A go.sum's /go.mod lines name a .mod only.
    /// </summary>
    /// <exception cref="DiagnosticException">The file does not parse.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static IReadOnlyList<ModuleRequest> ReadList(string path)
    {
        var text = File.ReadAllText(path);
        var first = new List<ModuleRequest>();
        var zips = new List<ModuleRequest>();
        void Add(string modulePath, string version, bool withZip)
        {
            if (withZip)
            {
                first.Add(Request(modulePath, version, ModuleFileKind.Info));
                zips.Add(Request(modulePath, version, ModuleFileKind.Zip));
            }

            first.Add(Request(modulePath, version, ModuleFileKind.Mod));
        }

        if (Path.GetFileName(path).EndsWith(".sum", StringComparison.Ordinal))
        {
            var sum = GoSumFile.Parse(path, text);
            if (sum.Errors.Count > 0)
            {
                throw new DiagnosticException(sum.Errors[0].ToDiagnostic(path));
            }

            foreach (var line in sum.Lines)
            {
                Add(line.Path, line.ModuleVersion, withZip: !line.IsGoMod);
            }
        }
        else
        {
            var mod = GoModFile.TryParse(path, System.Text.Encoding.UTF8.GetBytes(text), out var diagnostics)
                ?? throw new DiagnosticException(diagnostics[0]);
            foreach (var require in mod.Require)
            {
                Add(require.Mod.Path, require.Mod.Version, withZip: true);
            }
        }

        return first.Concat(zips).DistinctBy(r => r.Key).ToArray();
    }

    public async Task<WarmResult> WarmAsync(IEnumerable<ModuleRequest> requests, CancellationToken cancellationToken)
    {
        int fetched = 0, cached = 0;
        var failures = new ConcurrentBag<string>();

        // Parallel.ForEachAsync takes items in order as fetches finish: the list's order is kept, give or take the overlap.
        await Parallel.ForEachAsync(requests.DistinctBy(r => r.Key), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (request, token) =>
        {
            try
            {
                await using var served = await files.GetLiveAsync(request, token);
                Interlocked.Increment(ref served.FromCache ? ref cached : ref fetched);
            }
            catch (GatewayFailureException e)
            {
                failures.Add($"{request.ModulePath}@{request.Version} ({request.Kind.ToString().ToLowerInvariant()}): {e.Failure.Message}");
            }
        });

        return new WarmResult(fetched, cached, failures.Order(StringComparer.Ordinal).ToArray());
    }

    private static ModuleRequest Request(string modulePath, string version, ModuleFileKind kind) =>
        new(ModulePath.EscapePath(modulePath), kind, ModulePath.EscapeVersion(version)) { ModulePath = modulePath, Version = version };
}
