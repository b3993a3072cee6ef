using System.Runtime.InteropServices;

namespace GoDocker.Sdk.Targets.Tests;

/// <summary>
/// The evaluated default of every SDK property docs/sdk.md documents, in one table: the Go settings of Sdk.targets,
/// then the NoTargets project shape of Sdk.props. Each row also gives a value a user might set instead.
/// </summary>
public static class SdkPropertyDefaults
{
    public static IReadOnlyList<SdkPropertyDefault> All { get; } =
    [
        Go("GoModFile", "go.mod", DefaultAnchor.ProjectFolder, "src/go.mod"),
        Go("GoDockerContext", "", DefaultAnchor.ProjectFolder, "../context"),
        Go("GoBaseImageVariant", "bookworm", DefaultAnchor.None, "alpine"),
        Go("GoVet", "true", DefaultAnchor.None, "false"),
        Go("GoMainPackage", ".", DefaultAnchor.None, "./cmd/server"),
        Go("GoTestPackages", "./...", DefaultAnchor.None, "./internal/..."),
        Go("GoToolchain", "local", DefaultAnchor.None, "go1.22.5"),
        Go("GoDownload", "Auto", DefaultAnchor.None, "Docker"),
        Go("GoContainerEngine", "Auto", DefaultAnchor.None, "Podman"),
        Go("GoVerify", "true", DefaultAnchor.None, "false"),
        Go("GoVerifyTimeout", "5", DefaultAnchor.None, "12"),
        Go("GoDockerfilePath", "obj/Debug/godocker/Dockerfile", DefaultAnchor.ProjectFolder, "build/Dockerfile"),
        Go("GoModCacheMode", "Mount", DefaultAnchor.None, "Gateway"),
        Go("GoModCacheDir", "obj/Debug/godocker/modcache", DefaultAnchor.ProjectFolder, "/ci/cache/godocker-mod"),
        Go("GoDockerStartProxy", "false", DefaultAnchor.None, "true"),
        Go("GoDockerProxyCache", ".godocker/proxy", DefaultAnchor.ProjectFolder, "/var/cache/godocker"),
        Go("GoDockerProxyGatewayAssembly", "../tools/gateway/GoDocker.ProxyGateway.dll", DefaultAnchor.SdkFolder, "/opt/gateway/GoDocker.ProxyGateway.dll"),
        Go("GoDockerTasksAssembly", $"../tasks/{TasksFolder}/GoDocker.Tasks.dll", DefaultAnchor.SdkFolder, "/opt/tasks/GoDocker.Tasks.dll"),

        // Empty after evaluation: the go command's own default, or no such option.
        Go("GoProxy", "", DefaultAnchor.None, "http://127.0.0.1:3000,direct"),
        // Derived from go.mod by the tasks (GoModBaseImage) when empty.
        Go("GoBaseImage", "", DefaultAnchor.None, "golang:1.23-alpine"),
        Go("GoSumDb", "", DefaultAnchor.None, "off"),
        Go("GoPrivate", "", DefaultAnchor.None, "git.example.corp"),
        Go("GoNoProxy", "", DefaultAnchor.None, "git.example.corp/public"),
        Go("GoNoSumDb", "", DefaultAnchor.None, "git.example.corp/mirror"),
        Go("GoInsecure", "", DefaultAnchor.None, "git.example.corp/legacy"),
        Go("GoAuth", "", DefaultAnchor.None, "netrc;git /src"),
        Go("GoFlags", "", DefaultAnchor.None, "-mod=mod"),
        Go("GoBuildFlags", "", DefaultAnchor.None, "-trimpath"),
        Go("GoLdflags", "", DefaultAnchor.None, "-s -w"),
        Go("GoTestFlags", "", DefaultAnchor.None, "-race -count=1"),
        Go("GoPlatforms", "", DefaultAnchor.None, "linux/amd64,linux/arm64"),
        Go("GoDockerfileSyntax", "", DefaultAnchor.None, "docker/dockerfile:1"),
        Go("GoDockerNetwork", "", DefaultAnchor.None, "host"),
        Go("GoDockerBuilder", "", DefaultAnchor.None, "ci-builder"),
        Go("GoDockerProxySnapshot", "", DefaultAnchor.None, "snapshots/2024-06"),
        Go("GoDockerProxyUpstream", "", DefaultAnchor.None, "http://127.0.0.1:3000"),
        // Publish: the repository (project name) and tags (Version, latest) are applied by GoDockerPublish.
        Go("GoImageRepository", "", DefaultAnchor.None, "team/hello"),
        Go("GoImageTags", "", DefaultAnchor.None, "1.0.0;latest"),
        Go("GoImageRegistry", "", DefaultAnchor.None, "registry.example.com"),
        Go("GoDockerCacheFrom", "", DefaultAnchor.None, "type=registry,ref=registry.example.com/app:cache"),
        Go("GoDockerCacheTo", "", DefaultAnchor.None, "type=inline"),
        Go("GoImagePush", "", DefaultAnchor.None, "false"),
        Go("GoImageArchiveOutputPath", "", DefaultAnchor.None, "out/app.tar"),
        // docs/sdk.md documents false and a distroless image, but only GoDockerGenerate applies them (the image
        // depends on cgo): the evaluated project leaves both empty.
        Go("GoCgoEnabled", "", DefaultAnchor.None, "true"),
        Go("GoRuntimeImage", "", DefaultAnchor.None, "alpine:3.20"),

        Shape("TargetFramework", "netstandard2.0", "net8.0"),
        Shape("EnableDefaultNoneItems", "false", "true"),
        Shape("DisableImplicitFrameworkReferences", "true", "false"),
        Shape("GenerateDependencyFile", "false", "true"),
        Shape("ProduceReferenceAssembly", "false", "true"),
        Shape("GenerateAssemblyInfo", "false", "true"),
        Shape("CopyBuildOutputToOutputDirectory", "false", "true"),
        Shape("IsPackable", "false", "true"),
        Shape("AppendTargetFrameworkToOutputPath", "false", "true"),
        Shape("IncludeBuildOutput", "false", "true"),
    ];

    /// <summary>
    /// The package's tasks folder for this MSBuild: ReadyToRun images for MSBuild on .NET 10 or later on linux-x64,
    /// the net8.0 IL everywhere else. These tests run MSBuild in their own .NET process.
    /// </summary>
    public static string TasksFolder =>
        Environment.Version.Major >= 10 && OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64
            ? "net10.0-linux-x64"
            : "net8.0";

    public static SdkPropertyDefault Row(string name) => All.Single(r => r.Name == name);

    public static TheoryData<string> Names() => [.. All.Select(r => r.Name)];

    public static TheoryData<string> DefaultedAfterProjectBodyNames() => [.. All.Where(r => r.DefaultedAfterProjectBody).Select(r => r.Name)];

    private static SdkPropertyDefault Go(string name, string value, DefaultAnchor anchor, string userValue) => new(name, value, anchor, userValue, DefaultedAfterProjectBody: true);

    private static SdkPropertyDefault Shape(string name, string value, string userValue) => new(name, value, DefaultAnchor.None, userValue, DefaultedAfterProjectBody: false);
}
