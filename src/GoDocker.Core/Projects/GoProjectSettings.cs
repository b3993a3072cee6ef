using System.Collections.Immutable;

namespace GoDocker.Core.Projects;

/// <summary>
/// The settings of one Go project, as a .goproj (or the environment, for the CLI without one) gives them.
/// Empty Go settings mean "as the go command's default".
/// </summary>
public sealed record GoProjectSettings
{
    /// <summary>The .goproj, or the go.mod when the CLI runs without a project file.</summary>
    public required string ProjectPath { get; init; }
    public required string ProjectDirectory { get; init; }
    public required string GoModFile { get; init; }

    /// <summary>The folder sent to docker build as its context.</summary>
    public required string DockerContext { get; init; }

    /// <summary>Go environment values by variable name (GOPROXY, GOSUMDB, ...); only those the project sets.</summary>
    public ImmutableSortedDictionary<string, string> GoEnvironment { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    public string BaseImage { get; init; } = "golang:1.22-bookworm";
    public string RuntimeImage { get; init; } = "gcr.io/distroless/static-debian12:nonroot";
    public string MainPackage { get; init; } = ".";
    public string DockerfileSyntax { get; init; } = "";
    public string DockerNetwork { get; init; } = "";
    public string BuildFlags { get; init; } = "";
    public string Ldflags { get; init; } = "";
    public bool CgoEnabled { get; init; }
    public string Platforms { get; init; } = "";
    public GoDownloadMode Download { get; init; } = GoDownloadMode.Auto;
    public bool Verify { get; init; } = true;
    public TimeSpan VerifyTimeout { get; init; } = TimeSpan.FromSeconds(5);
    public ImmutableArray<string> CaCertificates { get; init; } = [];
    public ImmutableArray<GoBuildSecret> BuildSecrets { get; init; } = [];

    /// <summary>Where each setting is written, for diagnostics.</summary>
    public required ProjectFilePositions Positions { get; init; }

    public string? GoEnv(string variable) => GoEnvironment.TryGetValue(variable, out var value) ? value : null;
}
