using System.Collections.Immutable;

namespace GoDocker.Core.Projects;

/// <summary>
/// Every setting a .goproj can give, declared once. A new setting is one entry here plus its use: the SDK's
/// generated settings targets (defaults and the list handed to the tasks), the tool's evaluation of a .goproj and
/// the tables in docs/sdk.md follow this list, and tests hold each of them to it.
/// </summary>
public static class ProjectSettingCatalog
{
    // Go environment: named after the variable they become, in MSBuild casing.
    public static readonly ProjectSetting GoProxy = Go(nameof(GoProxy), "GOPROXY");
    public static readonly ProjectSetting GoSumDb = Go(nameof(GoSumDb), "GOSUMDB");
    public static readonly ProjectSetting GoPrivate = Go(nameof(GoPrivate), "GOPRIVATE");
    public static readonly ProjectSetting GoNoProxy = Go(nameof(GoNoProxy), "GONOPROXY");
    public static readonly ProjectSetting GoNoSumDb = Go(nameof(GoNoSumDb), "GONOSUMDB");
    public static readonly ProjectSetting GoInsecure = Go(nameof(GoInsecure), "GOINSECURE");
    public static readonly ProjectSetting GoFlags = Go(nameof(GoFlags), "GOFLAGS");
    public static readonly ProjectSetting GoAuth = Go(nameof(GoAuth), "GOAUTH") with
    {
        DocumentedDefault = "the environment's, else `netrc` (Go 1.24 and later read it; older ones always read netrc)",
    };
    public static readonly ProjectSetting GoToolchain = Go(nameof(GoToolchain), "GOTOOLCHAIN") with
    {
        Default = "local",
        DefaultReason = "Never let a base image download a toolchain in the middle of a build.",
        DocumentedDefault = "`local`, so a base image never downloads a toolchain mid-build",
    };

    // The SDK's own settings.
    public static readonly ProjectSetting GoModFile = Sdk(nameof(GoModFile), "the main module's go.mod") with
    {
        Default = "$(MSBuildProjectDirectory)/go.mod",
        DefaultReason = "The module sits beside the project unless told otherwise.",
        DocumentedDefault = "`go.mod` beside the project",
    };
    public static readonly ProjectSetting GoDockerContext = Sdk(nameof(GoDockerContext), "the docker build context") with
    {
        Default = "$(MSBuildProjectDirectory)",
        DefaultReason = "The project folder is the build context, so go.mod, go.sum and the sources are in it.",
        DocumentedDefault = "the project folder",
    };
    public static readonly ProjectSetting GoBaseImage = Sdk(nameof(GoBaseImage),
        "the image of the deps and build stages; a named image is checked against go.mod (GD2005)") with
    {
        DocumentedDefault = "`golang:<version>-<GoBaseImageVariant>`, the version from go.mod's `toolchain` line when it names a newer Go than its `go` line, else the `go` line (`" + GoModBaseImage.FallbackGoVersion + "` when go.mod names none)",
    };
    public static readonly ProjectSetting GoBaseImageVariant = Sdk(nameof(GoBaseImageVariant),
        "the golang image variant for the image derived from go.mod when GoBaseImage is empty (`bookworm`, `alpine`, `alpine3.20`, ...)") with
    {
        Default = GoModBaseImage.DefaultVariant,
        DefaultReason = "Debian 12, the golang image's own default variant: glibc, git and CA certificates included.",
    };
    public static readonly ProjectSetting GoRuntimeImage = Sdk(nameof(GoRuntimeImage), "the final stage's image") with
    {
        DocumentedDefault = $"`{GoProjectSettings.DefaultRuntimeImage}` (`{GoProjectSettings.DefaultCgoRuntimeImage}` with `GoCgoEnabled`)",
    };
    public static readonly ProjectSetting GoMainPackage = Sdk(nameof(GoMainPackage), "the package `go build` compiles") with
    {
        Default = Projects.GoMainPackage.Default,
        DefaultReason = "The module root is the main package of most services.",
    };
    public static readonly ProjectSetting GoBuildFlags = Sdk(nameof(GoBuildFlags), "extra `go build` flags");
    public static readonly ProjectSetting GoLdflags = Sdk(nameof(GoLdflags), "`go build -ldflags`");
    public static readonly ProjectSetting GoTestPackages = Sdk(nameof(GoTestPackages), "the packages `go test` runs (`dotnet test`, `godocker test`)") with
    {
        Default = Projects.GoTestArguments.DefaultPackages,
        DefaultReason = "Every package of the module, as `go test ./...` runs them.",
    };
    public static readonly ProjectSetting GoTestFlags = Sdk(nameof(GoTestFlags), "extra `go test` flags, such as `-race -count=1 -timeout 2m`");
    public static readonly ProjectSetting GoCgoEnabled = Sdk(nameof(GoCgoEnabled), "CGO_ENABLED for the build stage") with
    {
        DocumentedDefault = "`false`",
    };
    public static readonly ProjectSetting GoVet = Sdk(nameof(GoVet), "run `go vet ./...` over the main module after `go build` in the build stage; its findings are GD8002 errors") with
    {
        Default = "true",
        DefaultReason = "go vet finds real bugs the compiler lets through; false builds without it.",
    };
    public static readonly ProjectSetting GoPlatforms = Sdk(nameof(GoPlatforms), "the `--platform` list, such as `linux/amd64,linux/arm64`");
    public static readonly ProjectSetting GoDockerfileSyntax = Sdk(nameof(GoDockerfileSyntax),
        "the `# syntax=` image; empty uses BuildKit's built-in frontend, which works offline");
    public static readonly ProjectSetting GoDockerNetwork = Sdk(nameof(GoDockerNetwork),
        "`docker build --network` (for example `host` to reach a proxy on the host's loopback)");
    public static readonly ProjectSetting GoDockerBuilder = Sdk(nameof(GoDockerBuilder),
        "the buildx builder every `docker build` uses (`--builder`); empty uses the CLI's current builder. Needs the buildx plugin");
    public static readonly ProjectSetting GoDownload = Sdk(nameof(GoDownload),
        "`Auto` (Docker, else the host's go, else skip with a warning), `Docker`, `Local`, `Off`") with
    {
        Default = nameof(GoDownloadMode.Auto),
        DefaultReason = "Docker when it answers, else the host's go, else skip with a warning.",
    };
    public static readonly ProjectSetting GoContainerEngine = Sdk(nameof(GoContainerEngine),
        "`Auto`, `Docker` or `Podman`: the engine that runs the download, build, test and publish stages and verify's in-container checks. Auto takes the docker CLI when one is found and, where podman is installed too, its engine answers; otherwise podman") with
    {
        Default = nameof(ContainerEngineChoice.Auto),
        DefaultReason = "Docker where it works, so nothing changes for Docker users; podman on a machine without a working Docker.",
    };
    public static readonly ProjectSetting GoVerify = Sdk(nameof(GoVerify), "run the preflight probes before the download") with
    {
        Default = "true",
        DefaultReason = "Preflight catches proxy, DNS and CA problems in seconds rather than in a failed docker build.",
    };
    public static readonly ProjectSetting GoVerifyTimeout = Sdk(nameof(GoVerifyTimeout), "seconds per probe phase") with
    {
        Default = "5",
        DefaultReason = "Seconds per probe phase; long enough for a slow proxy, short enough to fail fast.",
    };
    public static readonly ProjectSetting GoDockerfilePath = Sdk(nameof(GoDockerfilePath), "where the Dockerfile is written") with
    {
        Default = "$(MSBuildProjectDirectory)/$(IntermediateOutputPath)" + ProjectLayout.IntermediateFolder + "/Dockerfile",
        DefaultReason = "Under obj/ so it is rebuilt, cleaned and never committed by accident.",
        DocumentedDefault = "`$(IntermediateOutputPath)" + ProjectLayout.IntermediateFolder + "/Dockerfile`",
    };

    // Where modules are kept between builds (docs/ci.md).
    public static readonly ProjectSetting GoModCacheMode = Sdk(nameof(GoModCacheMode),
        "where downloaded modules are kept between builds: `Mount` (BuildKit cache mounts, for persistent builders), `Gateway` (a module proxy gateway the build runs, cached in `GoModCacheDir`, for CI runners that restore a folder), `Layer` (an image layer of the deps stage, for layer caches: `GoDockerCacheFrom`/`GoDockerCacheTo`)") with
    {
        Default = nameof(Projects.GoModCacheMode.Mount),
        DefaultReason = "Cache mounts cost nothing on a builder whose engine state lives on; CI runners choose Gateway (docs/ci.md).",
    };
    public static readonly ProjectSetting GoModCacheDir = Sdk(nameof(GoModCacheDir),
        "the host folder of the `Gateway` mode's module cache: the folder a CI job saves and restores") with
    {
        Default = "$(MSBuildProjectDirectory)/$(IntermediateOutputPath)" + ProjectLayout.IntermediateFolder + "/modcache",
        DefaultReason = "Under obj/ so a local build keeps it and a clean removes it; CI points it at a cached folder.",
        DocumentedDefault = "`$(IntermediateOutputPath)" + ProjectLayout.IntermediateFolder + "/modcache`",
    };
    public static readonly ProjectSetting GoDockerCacheFrom = Sdk(nameof(GoDockerCacheFrom),
        "layer caches docker build imports (`--cache-from`), separated by `;`: `type=registry,ref=IMAGE`, a bare image, `type=local,src=DIR`, `type=gha`… (without buildx, only images)");
    public static readonly ProjectSetting GoDockerCacheTo = Sdk(nameof(GoDockerCacheTo),
        "the layer cache docker build exports (`--cache-to`): `type=registry,ref=IMAGE`, `type=inline`, `type=local,dest=DIR`, `type=gha`… (without buildx: `type=inline`, or `type=registry,ref=IMAGE`, which the build pushes as the deps stage image)");

    // Publish: the image `dotnet publish` writes.
    public static readonly ProjectSetting GoImageRepository = Sdk(nameof(GoImageRepository),
        "the published image's repository name, without registry or tag (such as `team/hello`)") with
    {
        DocumentedDefault = "the project name, lower-cased",
    };
    public static readonly ProjectSetting GoImageTags = Sdk(nameof(GoImageTags), "the published image's tags, separated by `;`") with
    {
        DocumentedDefault = "the project's `Version` and `latest`",
    };
    public static readonly ProjectSetting GoImageRegistry = Sdk(nameof(GoImageRegistry),
        "the registry host[:port] publish pushes to; credentials come from the Docker config (`docker login`), never from a property");
    public static readonly ProjectSetting GoImagePush = Sdk(nameof(GoImagePush),
        "push to `GoImageRegistry` (`false` loads the image into the local engine under the registry's name instead)") with
    {
        DocumentedDefault = "`true` when `GoImageRegistry` is set",
    };
    public static readonly ProjectSetting GoImageArchiveOutputPath = Sdk(nameof(GoImageArchiveOutputPath),
        "write the image as a `docker load` archive (also an OCI layout) to this file instead of loading it into the local engine");

    // The module proxy gateway a build can run for itself.
    public static readonly ProjectSetting GoDockerStartProxy = Gateway(nameof(GoDockerStartProxy),
        "run the module proxy gateway (the package's own) where the first `GoProxy` entry points, an `http://127.0.0.1:PORT` URL, while verify and download run (the build and `godocker verify`/`download` alike)") with
    {
        Default = "false",
        DefaultReason = "Builds use the GoProxy you name; true starts the module proxy gateway there for verify and download.",
    };
    public static readonly ProjectSetting GoDockerProxyCache = Gateway(nameof(GoDockerProxyCache),
        "the gateway's cache and snapshots (commit a snapshot to build offline)") with
    {
        Default = "$(MSBuildProjectDirectory)/.godocker/proxy",
        DefaultReason = "The gateway's cache and snapshots, beside the project so a snapshot can be committed with it.",
        DocumentedDefault = "`.godocker/proxy` beside the project",
    };
    public static readonly ProjectSetting GoDockerProxySnapshot = Gateway(nameof(GoDockerProxySnapshot),
        "serve this snapshot read-only instead of the live cache");
    public static readonly ProjectSetting GoDockerProxyUpstream = Gateway(nameof(GoDockerProxyUpstream),
        "the gateway's upstream GOPROXY list; empty serves offline, from the cache only");

    // Items.
    public static readonly ProjectSetting GoCaCertificate = new(nameof(GoCaCertificate), ProjectSettingSection.Sdk,
        "a PEM CA certificate trusted inside the build stages") { IsItem = true };
    public static readonly ProjectSetting GoBuildSecret = new(nameof(GoBuildSecret), ProjectSettingSection.Sdk,
        "a BuildKit secret by id, from `File` or `Env`, never an ARG or ENV") { IsItem = true };
    public static readonly ProjectSetting GoEnvironmentVariable = new(nameof(GoEnvironmentVariable), ProjectSettingSection.Go,
        "any other Go environment variable for the build stages (`Include` the name, `Value` the value), such as GOEXPERIMENT, GODEBUG, GOFIPS140, GOVCS or CGO_CFLAGS; the variables above are set with their properties") { IsItem = true };
    public static readonly ProjectSetting GoImageLabel = new(nameof(GoImageLabel), ProjectSettingSection.Sdk,
        "a label of the published image (`Include` the name, `Value` the value), added to the OCI labels publish sets") { IsItem = true };

    /// <summary>Every setting, in the order of the docs.</summary>
    public static ImmutableArray<ProjectSetting> All { get; } =
    [
        GoProxy, GoSumDb, GoPrivate, GoNoProxy, GoNoSumDb, GoInsecure, GoFlags, GoAuth, GoToolchain,
        GoModFile, GoDockerContext, GoBaseImage, GoBaseImageVariant, GoRuntimeImage, GoMainPackage, GoBuildFlags, GoLdflags, GoTestPackages, GoTestFlags, GoCgoEnabled, GoVet,
        GoPlatforms, GoDockerfileSyntax, GoDockerNetwork, GoDockerBuilder, GoDownload, GoContainerEngine, GoVerify, GoVerifyTimeout, GoDockerfilePath,
        GoModCacheMode, GoModCacheDir, GoDockerCacheFrom, GoDockerCacheTo,
        GoImageRepository, GoImageTags, GoImageRegistry, GoImagePush, GoImageArchiveOutputPath,
        GoDockerStartProxy, GoDockerProxyCache, GoDockerProxySnapshot, GoDockerProxyUpstream,
        GoCaCertificate, GoBuildSecret, GoEnvironmentVariable, GoImageLabel,
    ];

    /// <summary>The properties (not items).</summary>
    public static ImmutableArray<ProjectSetting> Properties { get; } = [.. All.Where(s => !s.IsItem)];

    /// <summary>The properties that become Go environment variables.</summary>
    public static ImmutableArray<ProjectSetting> GoEnvironment { get; } = [.. All.Where(s => s.GoVariable is not null)];

    public static ProjectSetting? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    private static ProjectSetting Go(string name, string variable) =>
        new(name, ProjectSettingSection.Go, variable) { GoVariable = variable, DocumentedDefault = "the environment's, else the go command's" };

    private static ProjectSetting Sdk(string name, string meaning) => new(name, ProjectSettingSection.Sdk, meaning);

    private static ProjectSetting Gateway(string name, string meaning) => new(name, ProjectSettingSection.Gateway, meaning);
}
