using CliWrap;
using CliWrap.Buffered;

namespace GoDocker.Sdk.Tests.Infrastructure;

/// <summary>
/// Docker- and Go-dependent tests skip with a visible reason where the machine lacks them, and fail instead when
/// GODOCKER_REQUIRE_DOCKER=1 (CI sets it), so CI can never pass by skipping.
/// </summary>
public static class Requirements
{
    public const string BaseImage = "godocker-test/golang:1.19";
    public const string BaseImageWithoutCertificates = "godocker-test/golang:1.19-nocerts";
    public const string RuntimeImage = "godocker-test/runtime:1";

    /// <summary>The runtime image labelled linux/arm64, for a cross-compiled final stage (it only copies a file).</summary>
    public const string RuntimeImageArm64 = "godocker-test/runtime:1-arm64";

    /// <summary>The Go image without /etc/passwd: BuildKit runs its steps as uid 0 with HOME=/.</summary>
    public const string NoPasswdImage = "godocker-test/golang:1.19-nopasswd";

    /// <summary>The Go image building as uid 1001 with HOME=/opt/app-root/src and /root closed, as UBI's go-toolset.</summary>
    public const string NonRootImage = "godocker-test/golang:1.19-nonroot";

    /// <summary>The Go image plus git and the ssh client, as the official golang image has them.</summary>
    public const string GitImage = "godocker-test/golang:1.19-git";

    private static readonly Lazy<string?> DockerProblem = new(() => Check(
        ("/usr/bin/docker", ["version", "--format", "{{.Server.Version}}"], "no Docker engine answers (run build/docker-setup.sh)"),
        ("/usr/bin/docker", ["image", "inspect", BaseImage], $"the test image {BaseImage} is missing (run build/test-images.sh)"),
        ("/usr/bin/docker", ["image", "inspect", RuntimeImageArm64], $"the test image {RuntimeImageArm64} is missing (run build/test-images.sh)")));

    private static readonly Lazy<string?> BuildUserImagesProblem = new(() => Check(
        ("/usr/bin/docker", ["image", "inspect", NoPasswdImage], $"the test image {NoPasswdImage} is missing (run build/test-images.sh)"),
        ("/usr/bin/docker", ["image", "inspect", NonRootImage], $"the test image {NonRootImage} is missing (run build/test-images.sh)")));

    private static readonly Lazy<string?> GoProblem = new(() => Check(("go", ["version"], "no 'go' on PATH (apt-get install golang-go)")));

    // A module path cannot name a port, so a private Git host listens on 443 and 22 of its own loopback address.
    private static readonly Lazy<string?> GitHostProblem = new(() =>
        Environment.UserName != "root" ? "serving a private Git host on ports 443 and 22 needs root (the CI user)"
        : !File.Exists("/usr/sbin/sshd") ? "no /usr/sbin/sshd (apt-get install openssh-server, as build/docker-setup.sh does)"
        : Check(("git", ["--version"], "no git on PATH (apt-get install git)"),
            ("/usr/bin/docker", ["image", "inspect", GitImage], $"the test image {GitImage} is missing (run build/test-images.sh)")));

    // Podman keeps its own image store: build/docker-setup.sh loads the test images into it from Docker.
    private static readonly Lazy<string?> PodmanProblem = new(() => Check(
        ("podman", ["version", "--format", "{{.Client.Version}}"], "no podman CLI runs (run build/docker-setup.sh, which installs podman and buildah)"),
        ("podman", ["image", "exists", BaseImage], $"the test image {BaseImage} is not in podman's store (run build/docker-setup.sh)"),
        ("podman", ["image", "exists", NonRootImage], $"the test image {NonRootImage} is not in podman's store (run build/docker-setup.sh)"),
        ("podman", ["image", "exists", RuntimeImage], $"the test image {RuntimeImage} is not in podman's store (run build/docker-setup.sh)")));

    public static bool Required => Environment.GetEnvironmentVariable("GODOCKER_REQUIRE_DOCKER") == "1";

    /// <summary>Go plus podman (GoContainerEngine=Podman) with the test images in its store.</summary>
    public static void Podman()
    {
        Go();
        Need(PodmanProblem.Value);
    }

    public static void Docker()
    {
        Go();
        Need(DockerProblem.Value);
    }

    public static void Go() => Need(GoProblem.Value);

    /// <summary>Docker plus the images that build as another user than root with a passwd entry.</summary>
    public static void BuildUserImages()
    {
        Docker();
        Need(BuildUserImagesProblem.Value);
    }

    /// <summary>Docker plus what a private Git host needs: root for its ports, git, sshd and the git test image.</summary>
    public static void PrivateGitHost()
    {
        Docker();
        Need(GitHostProblem.Value);
    }

    /// <summary>
    /// The NuGet packages folder this repository restored into: it holds xunit.v3 (a Microsoft.Testing.Platform test
    /// application) and everything it needs, and, laid out as id/version/*.nupkg, serves as an offline package source.
    /// </summary>
    public static string XunitV3PackagesFolder { get; } = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
        ? folder
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>Docker plus the xunit.v3 packages of this repository's own tests, offline.</summary>
    public static void DockerAndXunitV3Packages()
    {
        Docker();
        Need(Directory.Exists(Path.Combine(XunitV3PackagesFolder, "xunit.v3", "4.0.2"))
            ? null
            : $"no xunit.v3 4.0.2 in {XunitV3PackagesFolder} (restore this repository's tests first)");
    }

    /// <summary>The packages of `dotnet new xunit` (VSTest: Microsoft.NET.Test.Sdk, xunit 2, its VSTest adapter), offline.</summary>
    public const string XunitPackagesFolder = "/opt/nuget/packages";

    /// <summary>Docker plus an offline folder of the packages a VSTest xunit project restores.</summary>
    public static void DockerAndXunitPackages()
    {
        Docker();
        Need(Directory.Exists(Path.Combine(XunitPackagesFolder, "microsoft.net.test.sdk")) && Directory.Exists(Path.Combine(XunitPackagesFolder, "xunit.runner.visualstudio"))
            ? null
            : $"no offline xunit packages in {XunitPackagesFolder} (the .NET machine's folder of `dotnet new xunit` packages)");
    }

    private static void Need(string? problem)
    {
        if (problem is null)
        {
            return;
        }
        if (Required)
        {
            Assert.Fail($"GODOCKER_REQUIRE_DOCKER=1 but {problem}.");
        }
        Assert.Skip($"Skipped: {problem}.");
    }

    private static string? Check(params (string File, string[] Args, string Problem)[] checks)
    {
        foreach (var (file, args, problem) in checks)
        {
            try
            {
                var result = Cli.Wrap(file).WithArguments(args).WithValidation(CommandResultValidation.None)
                    .ExecuteBufferedAsync().GetAwaiter().GetResult();
                if (result.ExitCode != 0)
                {
                    return problem;
                }
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                return problem;
            }
        }
        return null;
    }
}
