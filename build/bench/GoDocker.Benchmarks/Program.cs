using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using GoDocker.Benchmarks;

// Commands the build/bench scripts use, then BenchmarkDotNet for everything else.
//   proxy --root DIR --port P --log FILE          counting GOPROXY server on 127.0.0.1
//   blackhole --port P                            accepts TCP and never answers
//   module --root DIR --path M --version V [--files N --bytes B]   writes a module, prints its go.sum lines
//   gosum-proxy --root DIR --gosum FILE --client DIR [--files N --bytes B]   every version a go.sum names, as generated modules
//   [--smoke] [BenchmarkDotNet args]              parser and hash benchmarks, then their ratios
// Never disposed: ProcessExit may fire after Main returns.
var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

string Arg(string name, string? fallback = null)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback ?? throw new ArgumentException($"missing {name}");
}
int IntArg(string name, int fallback) => int.Parse(Arg(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

switch (args.FirstOrDefault())
{
    case "proxy":
        await new CountingModuleProxy(Arg("--root"), IntArg("--port", 0), Arg("--log")).RunAsync(stop.Token);
        return 0;
    case "blackhole":
        await new BlackholeListener(IntArg("--port", 0)).RunAsync(stop.Token);
        return 0;
    case "module":
        foreach (var line in await GeneratedModule.WriteToProxyAsync(Arg("--root"), Arg("--path"), Arg("--version"), IntArg("--files", 8), IntArg("--bytes", 4096)))
        {
            Console.WriteLine(line);
        }
        return 0;
    case "gosum-proxy":
        Console.WriteLine($"{await GoSumCorpus.WriteAsync(Arg("--root"), Arg("--gosum"), Arg("--client"), IntArg("--files", 8), IntArg("--bytes", 8192))} module versions");
        return 0;
}

var smoke = args.Contains("--smoke");
var rest = args.Where(a => a != "--smoke").ToArray();
if (!rest.Contains("--filter"))
{
    rest = [.. rest, "--filter", "*"];
}
IConfig config = DefaultConfig.Instance.WithOptions(ConfigOptions.DisableLogFile);
// In process: no per-run generated project to restore and build, which offline CI and a loaded 2-core box cannot
// afford. Smoke: one warm-up and three measured iterations, enough to prove the benchmarks still run.
var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance);
config = smoke
    ? config.AddJob(job.WithWarmupCount(1).WithIterationCount(3).WithId("smoke"))
    : config.AddJob(job.WithId("full"));
var summaries = BenchmarkSwitcher.FromTypes([typeof(ParserBenchmarks), typeof(HashBenchmarks)]).Run(rest, config);

double? Mean(string method) =>
    summaries.SelectMany(s => s.Reports).FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method)?.ResultStatistics?.Mean;

Console.WriteLine();
Console.WriteLine("== ratios (same run) ==");
var failed = false;
void Throughput(string method, string file)
{
    if (Mean(method) is not { } ns)
    {
        Console.WriteLine($"{method}: no result");
        failed = true;
        return;
    }
    var bytes = new FileInfo(Path.Combine(ParserBenchmarks.DataDirectory, file)).Length;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{method}: {bytes / 1024.0:0.0} KiB in {ns / 1e6:0.000} ms = {bytes / (ns / 1e9) / (1 << 20):0.0} MiB/s"));
}
Throughput(nameof(ParserBenchmarks.ParseGoMod), "go.mod");
Throughput(nameof(ParserBenchmarks.ParseGoSum), "go.sum");
if (Mean(nameof(HashBenchmarks.H1OfZip)) is { } h1 && Mean(nameof(HashBenchmarks.Sha256OfZipBytes)) is { } sha)
{
    double MiBps(double ns) => HashBenchmarks.ZipMegabytes / (ns / 1e9);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"h1 of a {HashBenchmarks.ZipMegabytes} MB zip: {h1 / 1e6:0} ms ({MiBps(h1):0} MiB/s); SHA256.HashData of its bytes: {sha / 1e6:0} ms ({MiBps(sha):0} MiB/s); ratio h1/sha256 = {h1 / sha:0.00}"));
}
else
{
    Console.WriteLine("hash: no result");
    failed = true;
}
return failed ? 1 : 0;
