using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace GoDocker.Core.Tests.Images;

/// <summary>
/// Debian's distribution registry (<c>/usr/bin/docker-registry</c>, installed by build/docker-setup.sh) on a free
/// 127.0.0.1 port with a config and data folder of its own: plain HTTP, or TLS from a CA made here plus htpasswd
/// (bcrypt) basic auth. Skips where the package is missing, fails instead under GODOCKER_REQUIRE_DOCKER=1.
/// </summary>
public sealed class TestRegistry : IDisposable
{
    public const string Program = "/usr/bin/docker-registry";
    public const string UserName = "publisher";
    public const string Password = "s3cret-test-password";

    private readonly Process _process;
    private readonly string _host;
    private readonly StringBuilder _log = new();

    private TestRegistry(string folder, bool secure, string? hostName = null)
    {
        Folder = folder;
        Port = FreePort();
        _host = hostName ?? "127.0.0.1";
        Address = $"{_host}:{Port}";
        var config = new StringBuilder()
            .Append("version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\n")
            .Append($"storage:\n  filesystem:\n    rootdirectory: {folder}/data\n  delete:\n    enabled: true\n")
            .Append($"http:\n  addr: {Address}\n  secret: {Convert.ToHexString(RandomNumberGenerator.GetBytes(16))}\n");
        if (secure)
        {
            WriteTls(folder, hostName);
            config.Append($"  tls:\n    certificate: {folder}/server.crt\n    key: {folder}/server.key\n");
            File.WriteAllText(Path.Combine(folder, "htpasswd"), Htpasswd(UserName, Password));
            config.Append($"auth:\n  htpasswd:\n    realm: godocker-test\n    path: {folder}/htpasswd\n");
        }
        File.WriteAllText(Path.Combine(folder, "config.yml"), config.ToString());
        var start = new ProcessStartInfo(Program, ["serve", Path.Combine(folder, "config.yml")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("REGISTRY_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { lock (_log) { _log.AppendLine(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { lock (_log) { _log.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilListening();
    }

    public string Folder { get; }
    public int Port { get; }

    /// <summary>host:port, as GoImageRegistry takes it.</summary>
    public string Address { get; }

    /// <summary>The PEM file of the CA that issued the TLS registry's certificate.</summary>
    public string CaFile => Path.Combine(Folder, "ca.crt");

    public string Log { get { lock (_log) { return _log.ToString(); } } }

    public static TestRegistry StartPlain() => Start(secure: false);

    public static TestRegistry StartSecure() => Start(secure: true);

    /// <summary>A TLS registry named by <paramref name="hostName"/> (a name of this machine's loopback) in its address and certificate.</summary>
    public static TestRegistry StartSecure(string hostName) => Start(secure: true, hostName);

    private static TestRegistry Start(bool secure, string? hostName = null)
    {
        Require();
        var folder = Path.Combine(Path.GetTempPath(), "godocker-registry-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        return new TestRegistry(folder, secure, hostName);
    }

    public static void Require()
    {
        string? missing = !File.Exists(Program) ? $"{Program} is missing (apt-get install docker-registry, as build/docker-setup.sh does)"
            : !File.Exists("/usr/bin/htpasswd") ? "/usr/bin/htpasswd is missing (apt-get install apache2-utils)"
            : null;
        if (missing is null)
        {
            return;
        }
        if (Environment.GetEnvironmentVariable("GODOCKER_REQUIRE_DOCKER") == "1")
        {
            Assert.Fail($"GODOCKER_REQUIRE_DOCKER=1 but {missing}");
        }
        Assert.Skip(missing);
    }

    /// <summary>A Docker config folder (DOCKER_CONFIG) whose auths entry for this registry holds these credentials.</summary>
    public string DockerConfig(string user, string password)
    {
        var folder = Path.Combine(Folder, "docker-config-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
        File.WriteAllText(Path.Combine(folder, "config.json"), $"{{\"auths\":{{\"{Address}\":{{\"auth\":\"{auth}\"}}}}}}");
        return folder;
    }

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void WriteTls(string folder, string? hostName)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=GoDocker Test Registry CA " + Guid.NewGuid().ToString("N")[..6], caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        if (hostName is not null)
        {
            names.AddDnsName(hostName);
        }
        request.CertificateExtensions.Add(names.Build());
        using var leaf = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMonths(1), RandomNumberGenerator.GetBytes(8));

        File.WriteAllText(Path.Combine(folder, "ca.crt"), ca.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Combine(folder, "server.crt"), leaf.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Combine(folder, "server.key"), key.ExportPkcs8PrivateKeyPem() + "\n");
    }

    /// <summary>A bcrypt htpasswd line, from apache2-utils' htpasswd.</summary>
    private static string Htpasswd(string user, string password)
    {
        var start = new ProcessStartInfo("/usr/bin/htpasswd", ["-Bbn", user, password]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var line = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "htpasswd failed");
        return line.Trim() + "\n";
    }

    private void WaitUntilListening()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited with {_process.ExitCode}: {Log}");
            }
            try
            {
                using var client = new TcpClient();
                client.Connect(_host, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        throw new TimeoutException($"docker-registry did not listen on {Address}: {Log}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
