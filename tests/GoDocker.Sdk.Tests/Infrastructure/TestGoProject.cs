using System.Security;
using System.Text;

namespace GoDocker.Sdk.Tests.Infrastructure;

/// <summary>
/// A temporary Go service with a .goproj that uses the packed SDK from the test feed, built with real `dotnet build`.
/// </summary>
public sealed class TestGoProject : IDisposable
{
    private readonly SdkPackages _packages;

    public TestGoProject(SdkPackages packages, string name = "app")
    {
        _packages = packages;
        Directory = System.IO.Directory.CreateTempSubdirectory("godocker-e2e-").FullName;
        ProjectPath = System.IO.Path.Combine(Directory, name + ".goproj");
        File.WriteAllText(System.IO.Path.Combine(Directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="test-feed" value="{SecurityElement.Escape(packages.Feed)}" />
              </packageSources>
            </configuration>
            """);
    }

    public string Directory { get; }
    public string ProjectPath { get; }
    public string GoModPath => Path("go.mod");
    public string GoSumPath => Path("go.sum");
    public string DockerfilePath => Path("obj", "Debug", "godocker", "Dockerfile");

    public string Path(params string[] parts) => System.IO.Path.Combine([Directory, .. parts]);

    /// <summary>Writes the .goproj: the given properties (in order), plus items as raw XML.</summary>
    public TestGoProject WithProject(IEnumerable<(string Name, string Value)> properties, string itemsXml = "")
    {
        var sb = new StringBuilder();
        sb.Append($"<Project Sdk=\"GoDocker.Sdk/{_packages.Version}\">\n  <PropertyGroup>\n");
        foreach (var (name, value) in properties)
        {
            sb.Append($"    <{name}>{SecurityElement.Escape(value)}</{name}>\n");
        }
        sb.Append("  </PropertyGroup>\n");
        if (itemsXml.Length > 0)
        {
            sb.Append("  <ItemGroup>\n    ").Append(itemsXml).Append("\n  </ItemGroup>\n");
        }
        sb.Append("</Project>\n");
        File.WriteAllText(ProjectPath, sb.ToString());
        return this;
    }

    /// <summary>The settings every Docker test needs here: the local base image, host network, no syntax line.</summary>
    public static IEnumerable<(string, string)> LocalDockerSettings(string goProxy, params (string, string)[] more) =>
    [
        ("GoProxy", goProxy),
        ("GoSumDb", "off"),
        ("GoBaseImage", Requirements.BaseImage),
        ("GoRuntimeImage", Requirements.RuntimeImage),
        ("GoDockerNetwork", "host"),
        ("GoVerifyTimeout", "3"),
        .. more,
    ];

    /// <summary>A main package importing the dependency, with go.mod requiring it at the given version.</summary>
    public TestGoProject WithMainModule(TestGoModule dependency, string? requiredVersion = null)
    {
        File.WriteAllText(GoModPath, $"module example.com/app\n\ngo 1.19\n\nrequire {dependency.Path} {requiredVersion ?? dependency.Version}\n");
        File.WriteAllText(Path("main.go"), $"package main\n\nimport (\n\t\"fmt\"\n\n\tgreeting \"{dependency.Path}\"\n)\n\nfunc main() {{ fmt.Println(greeting.Hello(\"docker\")) }}\n");
        if (!File.Exists(GoSumPath))
        {
            File.WriteAllText(GoSumPath, "");
        }
        return this;
    }

    /// <summary>The usual end-to-end project: a .goproj with <paramref name="properties"/>, a main module requiring
    /// <paramref name="dependency"/>, and the go.sum the host's go writes from <paramref name="proxy"/>.</summary>
    public static async Task<TestGoProject> CreateAsync(SdkPackages packages, IEnumerable<(string Name, string Value)> properties, TestGoModule dependency, TestModuleProxy proxy)
    {
        var project = new TestGoProject(packages).WithProject(properties).WithMainModule(dependency);
        await project.WriteGoSumAsync(proxy);
        return project;
    }

    /// <summary>Lets the host's real go write go.sum from the proxy, as a developer would with `go mod tidy`.</summary>
    public async Task WriteGoSumAsync(TestModuleProxy proxy)
    {
        var cache = Path(".gocache");
        var run = await CommandRun.ExecuteAsync("go", ["mod", "download", "all"], Directory, new Dictionary<string, string?>
        {
            ["GOPROXY"] = proxy.Url,
            ["GOSUMDB"] = "off",
            ["GOFLAGS"] = "-mod=mod -modcacherw",
            ["GOPATH"] = cache,
            ["GOMODCACHE"] = System.IO.Path.Combine(cache, "mod"),
        });
        Assert.True(run.ExitCode == 0, "go mod download on the host failed: " + run);
        var tidy = await CommandRun.ExecuteAsync("go", ["mod", "tidy"], Directory, new Dictionary<string, string?>
        {
            ["GOPROXY"] = proxy.Url,
            ["GOSUMDB"] = "off",
            ["GOFLAGS"] = "-mod=mod -modcacherw",
            ["GOPATH"] = cache,
            ["GOMODCACHE"] = System.IO.Path.Combine(cache, "mod"),
        });
        Assert.True(tidy.ExitCode == 0, "go mod tidy on the host failed: " + tidy);
        System.IO.Directory.Delete(cache, recursive: true);
        proxy.ClearRequests();
    }

    public Task<BuildRun> DotnetAsync(params string[] args) => DotnetAsync(new Dictionary<string, string?>(), args);

    /// <summary>Runs dotnet with the isolated package folder plus <paramref name="environment"/>.</summary>
    public async Task<BuildRun> DotnetAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var env = new Dictionary<string, string?>(_packages.BuildEnvironment());
        foreach (var (key, value) in environment)
        {
            env[key] = value;
        }
        var run = await CommandRun.ExecuteAsync("dotnet", args, Directory, env, TimeSpan.FromMinutes(5));
        return new BuildRun(run);
    }

    /// <summary>
    /// Installs the packed GoDocker.Tool as a local tool with the commands docs/cli.md gives (plus the test version,
    /// a prerelease), so the manifest entry is the one a user's repository gets.
    /// </summary>
    public async Task<BuildRun> InstallToolAsync()
    {
        var manifest = await DotnetAsync("new", "tool-manifest");
        Assert.True(manifest.ExitCode == 0, manifest.ToString());
        var install = await DotnetAsync("tool", "install", "GoDocker.Tool", "--version", _packages.Version);
        Assert.True(install.ExitCode == 0, install.ToString());
        return install;
    }

    public Task<BuildRun> BuildAsync(params string[] extra) =>
        DotnetAsync(["build", ProjectPath, "-nodeReuse:false", "-v:n", .. extra]);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A build may still hold a file for a moment; temp leftovers are harmless.
        }
    }
}

public sealed record BuildRun(CommandRun Run)
{
    public int ExitCode => Run.ExitCode;
    public string Output => Run.Output;
    public IReadOnlyList<BuildDiagnostic> Diagnostics { get; } = BuildDiagnostic.Parse(Run.Output);
    public IEnumerable<BuildDiagnostic> Errors => Diagnostics.Where(d => d.Severity == "error");

    /// <summary>The one error matching <paramref name="match"/>; fails with the whole build output otherwise.</summary>
    public BuildDiagnostic SingleError(Func<BuildDiagnostic, bool>? match = null)
    {
        var errors = Errors.Where(match ?? (_ => true)).ToList();
        Assert.True(errors.Count == 1, $"expected one matching error, found {errors.Count}:\n{this}");
        return errors[0];
    }
    public override string ToString() => Run.ToString();
}
