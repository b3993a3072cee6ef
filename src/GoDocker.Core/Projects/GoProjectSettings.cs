using System.Collections.Immutable;

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

    /// <summary>Go environment values by variable name (GOPROXY, GOSUMDB, ...); only those the project sets.</summary>
    public ImmutableSortedDictionary<string, string> GoEnvironment { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    public string BaseImage { get; init; } = DefaultBaseImage;
    public string RuntimeImage { get; init; } = DefaultRuntimeImage;
    public string MainPackage { get; init; } = Projects.GoMainPackage.Default;
    public string DockerfileSyntax { get; init; } = "";
    public string DockerNetwork { get; init; } = "";
    public string BuildFlags { get; init; } = "";
    public GoBuildFlagList BuildFlagList { get; init; } = GoBuildFlagList.Empty;
    public string Ldflags { get; init; } = "";
    public bool CgoEnabled { get; init; }
    public string Platforms { get; init; } = "";
    public GoPlatformList PlatformList { get; init; } = GoPlatformList.Empty;
    public GoDownloadMode Download { get; init; } = GoDownloadMode.Auto;
    public bool Verify { get; init; } = true;
    public TimeSpan VerifyTimeout { get; init; } = TimeSpan.FromSeconds(5);
    public ImmutableArray<string> CaCertificates { get; init; } = [];
    public ImmutableArray<GoBuildSecret> BuildSecrets { get; init; } = [];

    /// <summary>Where each setting is written, for diagnostics.</summary>
    public required ProjectFilePositions Positions { get; init; }

    public string? GoEnv(string variable) => GoEnvironment.TryGetValue(variable, out var value) ? value : null;

    /// <summary>GOTOOLCHAIN as the image sees it: the project's value, else <see cref="DefaultGoToolchain"/>.</summary>
    public string EffectiveGoToolchain => GoEnv("GOTOOLCHAIN") ?? DefaultGoToolchain;
}
