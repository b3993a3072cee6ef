using BenchmarkDotNet.Attributes;
using GoDocker.Core.GoMod;
using GoDocker.Core.GoSum;

namespace GoDocker.Benchmarks;

/// <summary>The largest real-world go.mod and go.sum of the corpus (kubernetes), parsed as the build does.</summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    public static string DataDirectory => Path.Combine(AppContext.BaseDirectory, "TestData", "kubernetes");

    private byte[] _goMod = [];
    private byte[] _goSum = [];

    [GlobalSetup]
    public void Setup()
    {
        _goMod = File.ReadAllBytes(Path.Combine(DataDirectory, "go.mod"));
        _goSum = File.ReadAllBytes(Path.Combine(DataDirectory, "go.sum"));
    }

    [Benchmark]
    public GoModFile ParseGoMod() => GoModFile.Parse("go.mod", _goMod);

    [Benchmark]
    public GoSumFile ParseGoSum() => GoSumFile.Parse("go.sum", _goSum);
}
