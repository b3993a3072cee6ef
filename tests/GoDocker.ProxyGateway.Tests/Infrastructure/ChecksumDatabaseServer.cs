using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;

namespace GoDocker.ProxyGateway.Tests.Infrastructure;

/// <summary>
/// A real signed checksum database on 127.0.0.1 (TestData/sumdb-server: golang.org/x/mod/sumdb's server), built once
/// per source version with the local go 1.19 from the toolchain's own vendored golang.org/x/mod (no network), serving
/// records computed from a GOPROXY folder. Its request log is what the database actually received.
/// </summary>
public sealed class ChecksumDatabaseServer : IAsyncDisposable
{
    private const string VendorRoot = "/usr/lib/go-1.19/src/cmd/vendor";
    private const string CryptoVersion = "v0.0.0-20220516162934-403b01795ae8";
    private const string ModVersion = "v0.6.0-dev.0.20220419223038-86c51ed26bb4";
    private static readonly string[] ModPackages = ["internal/lazyregexp", "module", "semver", "sumdb", "sumdb/dirhash", "sumdb/note", "sumdb/tlog"];
    private static readonly SemaphoreSlim BuildLock = new(1, 1);

    private readonly Process _process;

    private ChecksumDatabaseServer(Process process, string name, string verifierKey, Uri address)
    {
        _process = process;
        Name = name;
        VerifierKey = verifierKey;
        Address = address;
    }

    public string Name { get; }

    /// <summary>The verifier key, as GOSUMDB takes it: name+hash+key.</summary>
    public string VerifierKey { get; }
    public Uri Address { get; }
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<ChecksumDatabaseServer> StartAsync(string name, string goproxyFolder, CancellationToken cancellationToken)
    {
        GoClient.SkipIfMissing();
        var binary = await BuildAsync(cancellationToken);
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(name);
        start.ArgumentList.Add(goproxyFolder);
        var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync(cancellationToken);
        var vkey = (await process.StandardOutput.ReadLineAsync(cancellationToken))?["vkey ".Length..] ?? throw new InvalidOperationException("sumdb-server printed no key");
        var listening = (await process.StandardOutput.ReadLineAsync(cancellationToken))?["listening ".Length..] ?? throw new InvalidOperationException("sumdb-server printed no address");
        var server = new ChecksumDatabaseServer(process, name, vkey, new Uri(listening));
        _ = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("request ", StringComparison.Ordinal))
                {
                    server.Requests.Enqueue(line["request ".Length..]);
                }
            }
        }, CancellationToken.None);
        return server;
    }

    private static async Task<string> BuildAsync(CancellationToken cancellationToken)
    {
        var source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "sumdb-server", "main.go"));
        var stamp = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(source)))[..16].ToLowerInvariant();
        var folder = Path.Combine(Path.GetTempPath(), $"godocker-sumdb-server-{stamp}");
        var binary = Path.Combine(folder, "sumdb-server");
        await BuildLock.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(binary))
            {
                return binary;
            }

            var work = folder + ".build-" + Environment.ProcessId;
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }

            Directory.CreateDirectory(work);
            File.WriteAllText(Path.Combine(work, "main.go"), source);
            File.WriteAllText(Path.Combine(work, "go.mod"),
                $"module example.invalid/sumdbserver\n\ngo 1.19\n\nrequire (\n\tgolang.org/x/crypto {CryptoVersion}\n\tgolang.org/x/mod {ModVersion}\n)\n");
            CopyPackage(work, "golang.org/x/crypto/ed25519");
            foreach (var package in ModPackages)
            {
                CopyPackage(work, "golang.org/x/mod/" + package);
            }

            File.WriteAllText(Path.Combine(work, "vendor", "modules.txt"),
                $"# golang.org/x/crypto {CryptoVersion}\n## explicit; go 1.17\ngolang.org/x/crypto/ed25519\n"
                + $"# golang.org/x/mod {ModVersion}\n## explicit; go 1.17\n" + string.Concat(ModPackages.Select(p => $"golang.org/x/mod/{p}\n")));
            var (exit, output) = await GoClient.RunAsync(work, "off", Path.Combine(work, "scratch"), TimeSpan.FromMinutes(5),
                new Dictionary<string, string> { ["GOFLAGS"] = "-mod=vendor", ["GOCACHE"] = Path.Combine(Path.GetTempPath(), "godocker-sumdb-server-gocache") },
                "build", "-o", Path.Combine(work, "sumdb-server"), ".");
            if (exit != 0)
            {
                throw new InvalidOperationException("building the test checksum database failed:\n" + output);
            }

            Directory.CreateDirectory(folder);
            File.Move(Path.Combine(work, "sumdb-server"), binary);
            Directory.Delete(work, recursive: true);
            return binary;
        }
        finally
        {
            BuildLock.Release();
        }
    }

    /// <summary>Copies one vendored package's .go files (not its subpackages, not its tests).</summary>
    private static void CopyPackage(string work, string importPath)
    {
        var from = Path.Combine(VendorRoot, importPath);
        var to = Path.Combine(work, "vendor", importPath);
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*.go").Where(f => !f.EndsWith("_test.go", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var license in new[] { "LICENSE", "PATENTS" })
        {
            var root = Path.Combine(VendorRoot, string.Join('/', importPath.Split('/').Take(3)), license);
            var target = Path.Combine(work, "vendor", string.Join('/', importPath.Split('/').Take(3)), license);
            if (File.Exists(root) && !File.Exists(target))
            {
                File.Copy(root, target);
            }
        }
    }

    private int _disposed;

    /// <summary>Kills the database (callable twice: a test stops it early, `await using` again at the end).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
