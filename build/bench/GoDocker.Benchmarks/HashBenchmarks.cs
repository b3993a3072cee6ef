using System.IO.Compression;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using GoDocker.Core.Hashing;

namespace GoDocker.Benchmarks;

/// <summary>
/// The go.sum h1 hash of a 100 MB module zip against SHA-256 over the same zip bytes: h1 must read every entry and
/// SHA-256 it, so one SHA-256 pass over the bytes is the floor. Entries are stored (not deflated) so both sides
/// digest the same number of bytes and the ratio shows the cost of h1 itself, not of inflating.
/// </summary>
public class HashBenchmarks
{
    public const int ZipMegabytes = 100;

    private string _zipPath = "";
    private byte[] _zipBytes = [];

    [GlobalSetup]
    public void Setup()
    {
        _zipPath = Path.Combine(Path.GetTempPath(), $"godocker-bench-{Environment.ProcessId}.zip");
        GeneratedModule.WriteLargeZip(_zipPath, "example.com/bench/large", "v1.0.0", ZipMegabytes << 20, CompressionLevel.NoCompression);
        _zipBytes = File.ReadAllBytes(_zipPath);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_zipPath);

    [Benchmark(Baseline = true)]
    public byte[] Sha256OfZipBytes() => SHA256.HashData(_zipBytes);

    [Benchmark]
    public Task<string> H1OfZip() => DirHash.HashZipAsync(_zipPath);
}
