using System.IO.Compression;
using System.Text;

namespace GoDocker.Sdk.Tests.Infrastructure;

/// <summary>An MSBuild binary log (-bl), searched as the bytes it records: strings appear there as UTF-8.</summary>
public static class BinaryLog
{
    /// <summary>Asserts the log recorded a build and holds none of <paramref name="secrets"/> (UTF-8 or UTF-16).</summary>
    public static async Task AssertHoldsNoneAsync(string path, params string[] secrets)
    {
        Assert.True(File.Exists(path), "no binary log at " + path);
        await using var compressed = File.OpenRead(path);
        await using var records = new GZipStream(compressed, CompressionMode.Decompress);
        using var plain = new MemoryStream();
        await records.CopyToAsync(plain, TestContext.Current.CancellationToken);
        Assert.True(plain.Length > 1000, "the binary log is empty");
        var bytes = plain.ToArray();
        foreach (var secret in secrets)
        {
            Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, "a secret is in the binary log");
            Assert.True(bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)) < 0, "a secret is in the binary log (UTF-16)");
        }
    }
}
