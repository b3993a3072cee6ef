using System.Collections.Immutable;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Projects;

/// <summary>
/// The settings of one Go project, as a .goproj (or the environment, for the CLI without one) gives them.
/// Empty Go settings mean "as the go command's default". <see cref="GoProjectSettingsReader"/> reports invalid values;
/// SDK settings that are invalid are replaced by their defaults, Go environment values are kept (for the Go
/// environment model) once they are known to be single-line and secret-free.
/// </summary>
public sealed record GoProjectSettings
{
    public const string DefaultBaseImage = "golang:1.22-bookworm";
    public const string DefaultRuntimeImage = "gcr.io/distroless/static-debian12:nonroot";
    public const string DefaultCgoRuntimeImage = "gcr.io/distroless/base-debian12:nonroot";

    /// <summary>GOTOOLCHAIN in the image when the project does not set it: a base image never fetches a toolchain mid-build.</summary>
    public const string DefaultGoToolchain = "local";

    /// <summary>The .goproj, or the go.mod when the CLI runs without a project file.</summary>
    public required string ProjectPath { get; init; }
    public required string ProjectDirectory { get; init; }
    public required string GoModFile { get; init; }

    /// <summary>The folder sent to docker build as its context.</summary>
    public required string DockerContext { get; init; }

    /// <summary>
    /// Where files from outside the context (CA certificates, known_hosts) are copied so the build can COPY them:
    /// a folder inside the context, by default the project's obj/godocker/context.
    /// </summary>
    public string StagingDirectory { get; init; } = "";

    /// <summary>
    /// The Go environment the build has, read once: the project's Go* properties over the process environment, the
    /// <c>go env -w</c> file and the go command's defaults, each value with where it came from. The Dockerfile writes
    /// it and verify probes it, so the two cannot disagree.
    /// </summary>
    public required GoEnv.GoEnvironment Environment { get; init; }

    /// <summary>Where the Dockerfile is written (its .dockerignore and inputs hash go beside it).</summary>
    public string DockerfilePath { get; init; } = "";

    /// <summary>The module proxy gateway the project runs for its own verify and download, when it asks for one.</summary>
    public BuildGatewaySettings? Gateway { get; init; }

    /// <summary>Where modules are kept between builds, and the layer caches docker build imports and exports.</summary>
    public ModCacheSettings ModCache { get; init; } = ModCacheSettings.Default;

    public string BaseImage { get; init; } = DefaultBaseImage;
    public string RuntimeImage { get; init; } = DefaultRuntimeImage;
    public string MainPackage { get; init; } = Projects.GoMainPackage.Default;
    public string DockerfileSyntax { get; init; } = "";
    public string DockerNetwork { get; init; } = "";

    /// <summary>The buildx builder (GoDockerBuilder), passed as <c>--builder</c>; empty for the CLI's current one.</summary>
    public string DockerBuilder { get; init; } = "";
    public string BuildFlags { get; init; } = "";
    public GoBuildFlagList BuildFlagList { get; init; } = GoBuildFlagList.Empty;
    public ImmutableArray<string> TestPackages { get; init; } = [GoTestArguments.DefaultPackages];
    public ImmutableArray<string> TestFlags { get; init; } = [];
    public string Ldflags { get; init; } = "";
    public bool CgoEnabled { get; init; }

    /// <summary>Run go vet over the main module in the build stage (GoVet).</summary>
    public bool Vet { get; init; } = true;
    public string Platforms { get; init; } = "";
    public GoPlatformList PlatformList { get; init; } = GoPlatformList.Empty;
    public GoDownloadMode Download { get; init; } = GoDownloadMode.Auto;

    /// <summary>The container engine every build stage runs on (GoContainerEngine); ContainerEngineSelector applies it.</summary>
    public ContainerEngineChoice ContainerEngine { get; init; } = ContainerEngineChoice.Auto;
    public bool Verify { get; init; } = true;
    public TimeSpan VerifyTimeout { get; init; } = TimeSpan.FromSeconds(5);
    public ImmutableArray<string> CaCertificates { get; init; } = [];
    public ImmutableArray<GoBuildSecret> BuildSecrets { get; init; } = [];

    /// <summary>GoEnvironmentVariable items that passed their checks: more Go variables for the build stages' ENV.</summary>
    public ImmutableSortedDictionary<string, string> EnvironmentVariables { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>What publish writes: repository, tags, registry, push or archive, labels.</summary>
    public ImagePublishSettings Publish { get; init; } = ImagePublishSettings.Default;

    /// <summary>Where each setting is written, for diagnostics.</summary>
    public required ProjectFilePositions Positions { get; init; }

    /// <summary>The effective value of a Go variable in the build (never null for the module variables).</summary>
    public string? GoEnv(string variable) => Environment.Values.TryGetValue(variable, out var value) ? value.Value : null;

    /// <summary>Where a Go variable's value was set: its project property, its go env file line, or null.</summary>
    public SourceLocation? GoEnvLocation(string variable) =>
        Environment.Values.TryGetValue(variable, out var value) ? value.Location : null;

    /// <summary>GOTOOLCHAIN as the image sees it.</summary>
    public string EffectiveGoToolchain => GoEnv("GOTOOLCHAIN") ?? DefaultGoToolchain;
}
