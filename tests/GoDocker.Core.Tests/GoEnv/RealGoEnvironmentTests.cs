using System.IO.Compression;
using System.Text;
using System.Text.Json;
using GoDocker.Core.GoEnv;

namespace GoDocker.Core.Tests.GoEnv;

/// <summary>
/// Compares the model with the real go command (Debian's Go 1.19): the values `go env -json` reports under a
/// controlled environment and env file, and the exact error text for bad GOFLAGS, GOPROXY and GOSUMDB.
/// No network: GOPROXY is invalid, off, or a file:// proxy the test writes.
/// </summary>
public sealed class RealGoEnvironmentTests : IDisposable
{
    private static readonly string[] Compared = ["GOPROXY", "GOSUMDB", "GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOINSECURE", "GOFLAGS"];

    private readonly string _root = Directory.CreateTempSubdirectory("godocker-goenv-").FullName;

    public void Dispose()
    {
        try
        {
            // The module cache is read-only unless -modcacherw was used; make it deletable.
            foreach (var file in Directory.EnumerateFileSystemEntries(_root, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Dictionary<string, string> BaseEnvironment() => new()
    {
        ["PATH"] = "/usr/bin:/bin",
        ["HOME"] = Path.Combine(_root, "home"),
        ["GOCACHE"] = Path.Combine(_root, "gocache"),
        ["GOMODCACHE"] = Path.Combine(_root, "modcache"),
        ["GO111MODULE"] = "on",
    };

    public static TheoryData<string, string?, string?> Scenarios => new()
    {
        // name, process variables (k=v;k=v), env file text (written to GOENV)
        { "defaults", null, null },
        { "file-only", null, "GOPROXY=https://file.example,direct\nGOPRIVATE=git.corp.example\nGOINSECURE=lab.example\nGOFLAGS=-mod=mod\n" },
        { "process-wins", "GOPROXY=https://process.example|direct;GOSUMDB=sum.golang.google.cn", "GOPROXY=https://file.example\nGOSUMDB=off\nGONOSUMDB=x.example\n" },
        { "empty-process-is-unset", "GOPROXY=;GOPRIVATE=", "GOPROXY=https://file.example\nGOPRIVATE=*.corp.example\n" },
        { "private-fills-empty-noproxy", "GOPRIVATE=git.corp.example;GONOSUMDB=other.example", "GONOPROXY=\n" },
        { "ignored-lines", null, "# comment\ngoproxy=lower\n=x\nGOPRIVATE\nGOINSECURE=a.example\nGOINSECURE=b.example\n" },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Go_env_json_agrees_on_every_module_setting(string name, string? process, string? envFile)
    {
        InstalledGo.Require();
        var environment = BaseEnvironment();
        var envFilePath = Path.Combine(_root, name + ".env");
        environment["GOENV"] = envFilePath;
        if (envFile is not null)
        {
            await File.WriteAllTextAsync(envFilePath, envFile, TestContext.Current.CancellationToken);
        }
        foreach (var pair in (process ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            environment[pair[..eq]] = pair[(eq + 1)..];
        }

        var (exit, stdout, stderr) = await InstalledGo.RunAsync(_root, environment, TestContext.Current.CancellationToken, ["env", "-json", .. Compared]);
        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var model = GoEnvironmentReader.Read(new DictionaryEnvironmentSource(environment), LocalTextFileSource.Instance,
            new GoEnvironmentReaderOptions { HostOs = "linux", GoFlagsSyntax = GoFlagsSyntax.Fields });

        foreach (var variable in Compared)
        {
            Assert.True(json.RootElement.GetProperty(variable).GetString() == model[variable].Value,
                $"{name}: {variable} is '{json.RootElement.GetProperty(variable).GetString()}' for go but '{model[variable].Value}' ({model[variable].Source}) in the model");
        }
    }

    [Fact]
    public async Task Go_env_json_reads_the_xdg_config_file_when_GOENV_is_unset()
    {
        InstalledGo.Require();
        var environment = BaseEnvironment();
        environment["XDG_CONFIG_HOME"] = Path.Combine(_root, "xdg");
        Directory.CreateDirectory(Path.Combine(_root, "xdg", "go"));
        await File.WriteAllTextAsync(Path.Combine(_root, "xdg", "go", "env"), "GOPROXY=https://xdg.example\n", TestContext.Current.CancellationToken);

        var (_, stdout, _) = await InstalledGo.RunAsync(_root, environment, TestContext.Current.CancellationToken, "env", "-json", "GOPROXY", "GOENV");
        using var json = JsonDocument.Parse(stdout);
        var model = GoEnvironmentReader.Read(new DictionaryEnvironmentSource(environment), LocalTextFileSource.Instance, new GoEnvironmentReaderOptions { HostOs = "linux" });

        Assert.Equal(json.RootElement.GetProperty("GOPROXY").GetString(), model["GOPROXY"].Value);
        Assert.Equal(json.RootElement.GetProperty("GOENV").GetString(), model.UserEnvFile);
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("-bogus")]
    [InlineData("-mod=mod \"-ldflags=-s -w\"")]
    [InlineData("-ldflags='-s -w'")]
    [InlineData("-=x")]
    [InlineData("---x")]
    [InlineData("-mod=mod -trimpath -ldflags=-w")]
    public async Task Goflags_errors_match_the_go_command(string goflags)
    {
        InstalledGo.Require();
        var module = await WriteModuleAsync();
        var environment = BaseEnvironment();
        environment["GOENV"] = "off";
        environment["GOFLAGS"] = goflags;
        environment["GOPROXY"] = "off";

        var (_, _, stderr) = await InstalledGo.RunAsync(module, environment, TestContext.Current.CancellationToken, "list", "-m");
        var model = GoFlags.Parse(goflags, GoFlagsSyntax.Fields);

        var goLine = stderr.Split('\n').FirstOrDefault(l => l.Contains("$GOFLAGS", StringComparison.Ordinal));
        Assert.Equal(goLine, model.Errors.SingleOrDefault()?.Message);
    }

    [Fact]
    public async Task Every_flag_the_go_commands_help_documents_is_a_known_GOFLAGS_name()
    {
        InstalledGo.Require();
        string[][] topics =
        [
            ["build"], ["clean"], ["doc"], ["env"], ["fix"], ["fmt"], ["generate"], ["get"], ["install"], ["list"], ["mod", "download"],
            ["mod", "edit"], ["mod", "graph"], ["mod", "init"], ["mod", "tidy"], ["mod", "vendor"], ["mod", "verify"], ["mod", "why"],
            ["run"], ["test"], ["testflag"], ["tool"], ["version"], ["vet"], ["work", "edit"], ["work", "init"], ["work", "sync"], ["work", "use"],
        ];
        var documented = new SortedSet<string>(StringComparer.Ordinal);
        var flag = new System.Text.RegularExpressions.Regex(@"(?:^[ \t]+-([a-zA-Z][a-zA-Z0-9_.]*)|[Tt]he -([a-zA-Z][a-zA-Z0-9_.]*) flag)",
            System.Text.RegularExpressions.RegexOptions.Multiline);
        foreach (var topic in topics)
        {
            var (_, stdout, stderr) = await InstalledGo.RunAsync(_root, BaseEnvironment(), TestContext.Current.CancellationToken, ["help", .. topic]);
            foreach (System.Text.RegularExpressions.Match match in flag.Matches(stdout + stderr))
            {
                documented.Add(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value);
            }
        }

        Assert.True(documented.Count > 60, string.Join(" ", documented));
        var unknown = documented.Where(name => !GoCommandFlags.Names.Contains(name)).ToArray();
        Assert.True(unknown.Length == 0, "GOFLAGS would wrongly reject: " + string.Join(" ", unknown));
    }

    [Theory]
    [InlineData("ftp://x")]
    [InlineData(",")]
    [InlineData("myproxy")]
    [InlineData("https://proxy example")]
    [InlineData("file://host/x")]
    [InlineData("off")]
    public async Task Goproxy_errors_match_the_go_command(string goproxy)
    {
        InstalledGo.Require();
        var module = await WriteModuleAsync();
        var environment = BaseEnvironment();
        environment["GOENV"] = "off";
        environment["GOPROXY"] = goproxy;
        environment["GOSUMDB"] = "off";

        var (exit, _, stderr) = await InstalledGo.RunAsync(module, environment, TestContext.Current.CancellationToken, "get", "example.com/m@v1.0.0");
        var plan = GoEnvironmentReader.Read(new DictionaryEnvironmentSource(environment), InMemoryTextFileSource.Empty).PlanFetch("example.com/m");

        Assert.NotEqual(0, exit);
        Assert.Contains($"go: example.com/m@v1.0.0: {plan.BlockedBy}\n", stderr);
    }

    [Theory]
    [InlineData("sumdb.corp.example")]
    [InlineData("sum.golang.org a b")]
    [InlineData("sum.golang.org+033de0af+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8")]
    public async Task Gosumdb_errors_match_the_go_command(string gosumdb)
    {
        InstalledGo.Require();
        var module = await WriteModuleAsync();
        var proxy = await WriteFileProxyAsync();
        var environment = BaseEnvironment();
        environment["GOENV"] = "off";
        environment["GOPROXY"] = new Uri(proxy).AbsoluteUri;
        environment["GOSUMDB"] = gosumdb;
        environment["GOFLAGS"] = "-modcacherw";

        var (_, stdout, _) = await InstalledGo.RunAsync(module, environment, TestContext.Current.CancellationToken, "mod", "download", "-json", "example.com/m@v1.0.0");
        using var json = JsonDocument.Parse(stdout);
        var plan = GoEnvironmentReader.Read(new DictionaryEnvironmentSource(environment), InMemoryTextFileSource.Empty).PlanFetch("example.com/m");

        Assert.NotNull(plan.ChecksumDb.Error);
        Assert.EndsWith(": " + plan.ChecksumDb.Error, json.RootElement.GetProperty("Error").GetString());
    }

    [Fact]
    public async Task A_GONOSUMDB_match_downloads_without_the_database_as_the_plan_says()
    {
        InstalledGo.Require();
        var module = await WriteModuleAsync();
        var proxy = await WriteFileProxyAsync();
        var environment = BaseEnvironment();
        environment["GOENV"] = "off";
        environment["GOPROXY"] = new Uri(proxy).AbsoluteUri;
        // An invalid database proves it is never consulted for the private module.
        environment["GOSUMDB"] = "sumdb.corp.example";
        environment["GOPRIVATE"] = "example.com";
        environment["GONOPROXY"] = "none";
        environment["GOFLAGS"] = "-modcacherw";

        var (exit, stdout, stderr) = await InstalledGo.RunAsync(module, environment, TestContext.Current.CancellationToken, "mod", "download", "-json", "example.com/m@v1.0.0");
        var plan = GoEnvironmentReader.Read(new DictionaryEnvironmentSource(environment), InMemoryTextFileSource.Empty).PlanFetch("example.com/m");

        Assert.True(exit == 0, stdout + stderr);
        Assert.False(plan.ChecksumDb.IsConsulted);
        Assert.Equal(FetchStepKind.Proxy, plan.Steps[0].Kind);
    }

    private async Task<string> WriteModuleAsync()
    {
        var dir = Path.Combine(_root, "app");
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "go.mod"), "module example.com/app\n\ngo 1.18\n", TestContext.Current.CancellationToken);
        return dir;
    }

    // A one-module GOPROXY on disk, so the go command verifies checksums without any network.
    private async Task<string> WriteFileProxyAsync()
    {
        var proxy = Path.Combine(_root, "proxy");
        var versions = Path.Combine(proxy, "example.com", "m", "@v");
        Directory.CreateDirectory(versions);
        var ct = TestContext.Current.CancellationToken;
        var goMod = "module example.com/m\n\ngo 1.18\n";
        await File.WriteAllTextAsync(Path.Combine(versions, "list"), "v1.0.0\n", ct);
        await File.WriteAllTextAsync(Path.Combine(versions, "v1.0.0.info"), "{\"Version\":\"v1.0.0\",\"Time\":\"2024-01-01T00:00:00Z\"}", ct);
        await File.WriteAllTextAsync(Path.Combine(versions, "v1.0.0.mod"), goMod, ct);
        using (var zip = ZipFile.Open(Path.Combine(versions, "v1.0.0.zip"), ZipArchiveMode.Create))
        {
            foreach (var (name, text) in new[] { ("go.mod", goMod), ("m.go", "package m\n") })
            {
                await using var stream = zip.CreateEntry("example.com/m@v1.0.0/" + name).Open();
                await stream.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
            }
        }
        return proxy;
    }
}
