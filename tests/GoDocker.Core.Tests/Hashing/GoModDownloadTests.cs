using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using GoDocker.Core.Hashing;
using GoDocker.Core.Modules;
using GoDocker.Core.ModuleZip;
using GoDocker.Core.Tests.ModuleZip;

namespace GoDocker.Core.Tests.Hashing;

/// <summary>
/// The real go command downloads zips made by ModuleZipWriter from a local GOPROXY and must print the same
/// Sum and GoModSum that DirHash computes.
/// </summary>
public class GoModDownloadTests
{
    private static string? FindGo()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/bin").Append("/usr/local/go/bin"))
        {
            var candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? "go.exe" : "go");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private sealed record ServedModule(ModuleVersion Module, byte[] GoMod, byte[] Zip);

    [Fact]
    public async Task Go_mod_download_agrees_with_our_hashes()
    {
        var ct = TestContext.Current.CancellationToken;
        var go = FindGo();
        if (go is null)
        {
            if (Environment.GetEnvironmentVariable("GODOCKER_REQUIRE_DOCKER") == "1") Assert.Fail("go is required (GODOCKER_REQUIRE_DOCKER=1) but was not found");
            Assert.Skip("go is not installed; the cross-check with the real go command needs it");
        }

        using var tmp = new ZipTestData.TempDir();
        var modules = new List<ServedModule>
        {
            await MakeModule(tmp.Path, new ModuleVersion("example.com/m", "v1.0.0"), ct),
            // Upper case in path and version exercises the proxy protocol's !-escaping.
            await MakeModule(tmp.Path, new ModuleVersion("example.com/Upper/m", "v1.1.0-RC1"), ct),
        };

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var served = new List<string>();
        var server = Task.Run(() => Serve(listener, modules, served, stop.Token), ct);

        var gopath = Path.Combine(tmp.Path, "gopath");
        var psi = new ProcessStartInfo(go)
        {
            WorkingDirectory = tmp.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "mod", "download", "-json" }.Concat(modules.Select(m => m.Module.ToString()))) psi.ArgumentList.Add(arg);
        psi.Environment["GOPATH"] = gopath;
        psi.Environment["GOMODCACHE"] = Path.Combine(gopath, "pkg", "mod");
        psi.Environment["GOCACHE"] = Path.Combine(tmp.Path, "gocache");
        psi.Environment["HOME"] = tmp.Path;
        psi.Environment["GOENV"] = "off";
        psi.Environment["GOPROXY"] = $"http://127.0.0.1:{port}";
        psi.Environment["GOSUMDB"] = "off";
        psi.Environment["GOFLAGS"] = "-modcacherw";
        psi.Environment["GO111MODULE"] = "on";
        psi.Environment["GOPRIVATE"] = "";
        psi.Environment["GONOPROXY"] = "";
        psi.Environment["GONOSUMDB"] = "";
        psi.Environment["GOTOOLCHAIN"] = "local";
        foreach (var proxyVar in new[] { "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy" }) psi.Environment.Remove(proxyVar);
        psi.Environment["NO_PROXY"] = "127.0.0.1";

        using var process = Process.Start(psi)!;
        var stdoutTask = process.StandardOutput.ReadToEndAsync(ct);
        var stderrTask = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var stdout = await stdoutTask;
        var stderr = await stderrTask;
        stop.Cancel();
        listener.Stop();
        await server.ContinueWith(_ => { }, CancellationToken.None);
        Assert.True(process.ExitCode == 0, $"go mod download failed ({process.ExitCode}):\n{stderr}\n{stdout}\nserved: {string.Join(", ", served)}");

        var results = ParseJsonStream(stdout);
        foreach (var m in modules)
        {
            var r = results.SingleOrDefault(e => e.GetProperty("Path").GetString() == m.Module.Path);
            Assert.True(r.ValueKind == JsonValueKind.Object, $"no result for {m.Module} in:\n{stdout}\n{stderr}");
            Assert.False(r.TryGetProperty("Error", out var error), $"go reported: {error}");
            Assert.Equal(m.Module.Version, r.GetProperty("Version").GetString());
            var zipPath = Path.Combine(tmp.Path, ModulePath.EscapePath(m.Module.Path).Replace('/', '_') + ".zip");
            Assert.Equal(await DirHash.HashZipAsync(zipPath, ct), r.GetProperty("Sum").GetString());
            Assert.Equal(await DirHash.HashGoModAsync(m.GoMod, ct), r.GetProperty("GoModSum").GetString());
            // The tree the go command extracted hashes the same way as the zip.
            Assert.Equal(r.GetProperty("Sum").GetString(), await DirHash.HashDirAsync(r.GetProperty("Dir").GetString()!, m.Module + "/", ct));
        }
    }

    private static async Task<ServedModule> MakeModule(string root, ModuleVersion module, CancellationToken ct)
    {
        var src = Path.Combine(root, "src-" + Guid.NewGuid().ToString("N"));
        var goMod = Encoding.UTF8.GetBytes($"module {module.Path}\n\ngo 1.19\n");
        ZipTestData.WriteFiles(src, [
            ("go.mod", goMod),
            ("m.go", "package m\n\n// Hello greets.\nfunc Hello() string { return \"héllo\" }\n"u8.ToArray()),
            ("LICENSE", "Permission is granted.\n"u8.ToArray()),
            ("internal/ünïcode/doc.go", "package unicode\n"u8.ToArray()),
            ("vendor/example.org/dep/dep.go", "package dep\n"u8.ToArray()),
            ("sub/go.mod", "module example.com/sub\n"u8.ToArray()),
            ("sub/sub.go", "package sub\n"u8.ToArray()),
        ]);
        var zipPath = Path.Combine(root, ModulePath.EscapePath(module.Path).Replace('/', '_') + ".zip");
        await using (var output = File.Create(zipPath))
        {
            await ModuleZipWriter.CreateFromDirAsync(output, module, src, ct);
        }
        return new ServedModule(module, goMod, await File.ReadAllBytesAsync(zipPath, ct));
    }

    /// <summary>A minimal GOPROXY: GET /{escaped path}/@v/{escaped version}.{info,mod,zip} and /@v/list.</summary>
    private static async Task Serve(TcpListener listener, List<ServedModule> modules, List<string> served, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(ct);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    await using var stream = client.GetStream();
                    var request = await ReadHead(stream, ct);
                    var target = request.Split(' ').ElementAtOrDefault(1) ?? "/";
                    lock (served) served.Add(target);
                    var (status, body) = Respond(Uri.UnescapeDataString(target.TrimStart('/')), modules);
                    var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
                    await stream.WriteAsync(head, ct);
                    await stream.WriteAsync(body, ct);
                }
            }, ct);
        }
    }

    private static (string Status, byte[] Body) Respond(string target, List<ServedModule> modules)
    {
        var at = target.IndexOf("/@v/", StringComparison.Ordinal);
        if (at < 0 || !ModulePath.TryUnescapePath(target[..at], out var path, out _)) return ("404 Not Found", "not found"u8.ToArray());
        var file = target[(at + 4)..];
        var served = modules.Where(m => m.Module.Path == path).ToList();
        if (served.Count == 0) return ("404 Not Found", "not found"u8.ToArray());
        if (file == "list") return ("200 OK", Encoding.UTF8.GetBytes(string.Concat(served.Select(m => m.Module.Version + "\n"))));
        var dot = file.LastIndexOf('.');
        if (dot < 0 || !ModulePath.TryUnescapeVersion(file[..dot], out var version, out _)) return ("404 Not Found", "not found"u8.ToArray());
        var module = served.FirstOrDefault(m => m.Module.Version == version);
        if (module is null) return ("404 Not Found", "not found"u8.ToArray());
        return file[(dot + 1)..] switch
        {
            "info" => ("200 OK", Encoding.UTF8.GetBytes($"{{\"Version\":\"{version}\",\"Time\":\"2024-01-02T03:04:05Z\"}}")),
            "mod" => ("200 OK", module.GoMod),
            "zip" => ("200 OK", module.Zip),
            _ => ("404 Not Found", "not found"u8.ToArray()),
        };
    }

    private static async Task<string> ReadHead(NetworkStream stream, CancellationToken ct)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (buffer.Count < 16384 && await stream.ReadAsync(one, ct) == 1)
        {
            buffer.Add(one[0]);
            if (buffer.Count >= 4 && buffer[^1] == '\n' && buffer[^2] == '\r' && buffer[^3] == '\n' && buffer[^4] == '\r') break;
        }
        return Encoding.ASCII.GetString(buffer.ToArray());
    }

    private static List<JsonElement> ParseJsonStream(string text)
    {
        var result = new List<JsonElement>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using var doc = JsonDocument.ParseValue(ref reader);
            result.Add(doc.RootElement.Clone());
        }
        return result;
    }
}
