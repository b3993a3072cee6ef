using GoDocker.Core.Classification;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Tests.Classification;

/// <summary>
/// docker build output captured on this machine (Docker 20.10 CLI, BuildKit plain progress, no registry reachable),
/// classified as the download stage would see it.
/// </summary>
public class BuildKitOutputTests
{
    // DOCKER_BUILDKIT=1 docker build --progress=plain on "# syntax=docker/dockerfile:1 / FROM scratch", offline.
    private const string SyntaxOffline = """
        #1 [internal] load build definition from Dockerfile
        #1 sha256:c0e867e260d8aff6840526c9a49efa5bb911e4ab78fa6687468b6edabc90c3cd
        #1 transferring dockerfile: 89B done
        #1 DONE 0.0s

        #2 [internal] load .dockerignore
        #2 sha256:932a134ac523f89eef0fd269ca68cdfa3ef9ebab4bfcf838ad49324c8d11864d
        #2 transferring context: 2B done
        #2 DONE 0.0s

        #3 resolve image config for docker.io/docker/dockerfile:1
        #3 sha256:ac072d521901222eeef550f52282877f196e16b0247844be9ceb1ccc1eac391d
        #3 ERROR: failed to do request: Head "https://registry-1.docker.io/v2/docker/dockerfile/manifests/1": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host
        ------
         > resolve image config for docker.io/docker/dockerfile:1:
        ------
        failed to solve with frontend dockerfile.v0: failed to solve with frontend gateway.v0: failed to do request: Head "https://registry-1.docker.io/v2/docker/dockerfile/manifests/1": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host
        """;

    // FROM doesnotexist:1, offline.
    private const string BaseImageMissing = """
        #1 [internal] load build definition from Dockerfile2
        #1 sha256:1f8a9055d3b3c9524a42de63a1bf7e9805402b36089ff7b5b34a4a9b3d163f32
        #1 transferring dockerfile: 67B done
        #1 DONE 0.0s

        #3 [internal] load metadata for docker.io/library/doesnotexist:1
        #3 sha256:d855ba5cc9be5169084dd794f746aee331465f71dec6c44491df645d69cc9d75
        #3 ERROR: failed to do request: Head "https://registry-1.docker.io/v2/library/doesnotexist/manifests/1": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host
        ------
         > [internal] load metadata for docker.io/library/doesnotexist:1:
        ------
        failed to solve with frontend dockerfile.v0: failed to create LLB definition: failed to do request: Head "https://registry-1.docker.io/v2/library/doesnotexist/manifests/1": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host
        """;

    // DOCKER_BUILDKIT=0 docker build on a Dockerfile with RUN --mount.
    private const string MountWithoutBuildKit = """
        Sending build context to Docker daemon  2.048kB
        Step 1/2 : FROM scratch
         --->
        Step 2/2 : RUN --mount=type=cache,target=/root/.cache true
        the --mount option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled
        """;

    // A deps stage whose RUN printed go output and failed (Docker 20.10's BuildKit wording).
    private static string FailedRun(string goOutput) =>
        "#5 [2/3] WORKDIR /src\n#5 DONE 0.0s\n\n#6 [3/3] RUN go mod download\n"
        + string.Concat(goOutput.Split('\n').Where(l => l.Length > 0).Select(l => "#6 0.053 " + l + "\n"))
        + "#6 ERROR: executor failed running [/bin/sh -c go mod download]: exit code: 1\n------\n > [3/3] RUN go mod download:\n------\n"
        + "executor failed running [/bin/sh -c go mod download]: exit code: 1\n";

    [Fact]
    public void Syntax_line_offline_is_GD5004_at_GoDockerfileSyntax()
    {
        using var project = new GoProjFile("<GoDockerfileSyntax>docker/dockerfile:1</GoDockerfileSyntax>");
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(SyntaxOffline, project.Positions()));
        Assert.Equal("GD5004", diagnostic.Code);
        Assert.Contains("docker.io/docker/dockerfile:1 (failed to do request: Head", diagnostic.Message);
        Assert.Contains("Set GoDockerfileSyntax to empty", diagnostic.Message);
        Assert.Equal(project.Path, diagnostic.Location?.File);
        Assert.Equal(GoProjFile.PropertyLine, diagnostic.Location?.Line);
    }

    [Fact]
    public void Base_image_neither_local_nor_pullable_is_GD5003_not_a_dns_failure()
    {
        using var project = new GoProjFile("<GoBaseImage>doesnotexist:1</GoBaseImage>");
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(BaseImageMissing, project.Positions()));
        Assert.Equal("GD5003", diagnostic.Code);
        Assert.StartsWith("The image docker.io/library/doesnotexist:1 is not present locally", diagnostic.Message);
        Assert.Contains("no such host", diagnostic.Message);
        Assert.Equal(GoProjFile.PropertyLine, diagnostic.Location?.Line);
    }

    [Fact]
    public void Mount_without_BuildKit_is_GD5006()
    {
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(MountWithoutBuildKit));
        Assert.Equal("GD5006", diagnostic.Code);
        Assert.Contains("the --mount option requires BuildKit", diagnostic.Message);
    }

    [Fact]
    public void Go_error_inside_a_failed_step_is_reported_as_the_go_error_only()
    {
        using var project = new TestProject("example.com/lib@v1.0.0");
        var log = FailedRun("go: downloading example.com/lib v1.0.0\ngo: example.com/lib@v1.0.0: reading http://127.0.0.1:3000/example.com/lib/@v/v1.0.0.zip: 404 Not Found\n");
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(log, project.Positions()));
        Assert.Equal("GD6001", diagnostic.Code);
        Assert.Equal(TestProject.RequireLine, diagnostic.Location?.Line);
        Assert.Contains("http://127.0.0.1:3000 answered 404 Not Found", diagnostic.Message);
    }

    [Fact]
    public void Failed_step_with_unknown_output_is_GD5005_with_what_the_step_printed()
    {
        var log = FailedRun("go: downloading example.com/lib v1.0.0\nsomething nobody has seen before\n");
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(log));
        Assert.Equal("GD5005", diagnostic.Code);
        Assert.StartsWith("docker build failed: executor failed running [/bin/sh -c go mod download]: exit code: 1", diagnostic.Message);
        Assert.Contains("  something nobody has seen before", diagnostic.Message);
        Assert.DoesNotContain("sha256", diagnostic.Message);
        Assert.DoesNotContain("#6", diagnostic.Message);
    }

    [Fact]
    public void Buildx_summary_with_time_prefixes_is_read_as_go_printed_it()
    {
        var log = """
             > [linux/amd64 builder 5/6] RUN go mod download:
            0.059 go: go.mod requires go >= 1.24.0 (running go 1.23.5; GOTOOLCHAIN=local)
            ------
            ERROR: failed to build: failed to solve: process "/bin/sh -c go mod download" did not complete successfully: exit code: 1
            """;
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(log));
        Assert.Equal("GD6008", diagnostic.Code);
        Assert.Equal("go.mod requires go >= 1.24.0, but the image runs go 1.23.5 with GOTOOLCHAIN=local. Use a base image with Go 1.24.0 or later.", diagnostic.Message);
    }

    /// <summary>A .goproj with one property on a known line, and an empty go.mod beside it.</summary>
    private sealed class GoProjFile : IDisposable
    {
        public const int PropertyLine = 3;
        private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "godocker-goproj-" + Guid.NewGuid().ToString("N"));

        public GoProjFile(string property)
        {
            Directory.CreateDirectory(_directory);
            File.WriteAllText(Path, $"<Project Sdk=\"GoDocker.Sdk/1.0.0\">\n  <PropertyGroup>\n    {property}\n  </PropertyGroup>\n</Project>\n");
            File.WriteAllText(System.IO.Path.Combine(_directory, "go.mod"), "module example.com/app\n\ngo 1.22\n");
        }

        public string Path => System.IO.Path.Combine(_directory, "app.goproj");

        public IDiagnosticPositions Positions() =>
            ProjectDiagnosticPositions.Load(System.IO.Path.Combine(_directory, "go.mod"), ProjectFilePositions.Read(Path));

        public void Dispose() => Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>The wording of BuildKit 0.11+ (Docker 23+, buildx): docker-image:// names, stage prefixes, "failed to resolve source metadata".</summary>
public class NewerBuildKitOutputTests
{
    [Fact]
    public void Base_image_metadata_failure_with_the_newer_final_error_is_GD5003()
    {
        var log = """
            #3 [internal] load metadata for docker.io/library/golang:1.22-bookworm
            #3 ERROR: failed to do request: Head "https://registry-1.docker.io/v2/library/golang/manifests/1.22-bookworm": dial tcp: lookup registry-1.docker.io on 127.0.0.11:53: no such host
            ------
             > [internal] load metadata for docker.io/library/golang:1.22-bookworm:
            ------
            Dockerfile:1
            --------------------
               1 | >>> FROM golang:1.22-bookworm AS deps
            --------------------
            ERROR: failed to solve: golang:1.22-bookworm: failed to resolve source metadata for docker.io/library/golang:1.22-bookworm: failed to do request: Head "https://registry-1.docker.io/v2/library/golang/manifests/1.22-bookworm": dial tcp: lookup registry-1.docker.io on 127.0.0.11:53: no such host
            """;
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(log));
        Assert.Equal("GD5003", diagnostic.Code);
        Assert.StartsWith("The image docker.io/library/golang:1.22-bookworm is not present locally and cannot be pulled: failed to do request:", diagnostic.Message);
    }

    [Fact]
    public void Frontend_with_docker_image_scheme_and_stage_prefix_is_GD5004()
    {
        var log = """
             => ERROR [server] resolve image config for docker-image://docker.io/docker/dockerfile:1                 30.0s
            ------
             > [server] resolve image config for docker-image://docker.io/docker/dockerfile:1:
            ------
            ERROR: failed to solve: failed to resolve source metadata for docker.io/docker/dockerfile:1: DeadlineExceeded: context deadline exceeded
            """;
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(log));
        Assert.Equal("GD5004", diagnostic.Code);
        Assert.StartsWith("BuildKit could not fetch the Dockerfile frontend docker.io/docker/dockerfile:1 (", diagnostic.Message);
        Assert.Contains("context deadline exceeded", diagnostic.Message);
    }

    [Fact]
    public void Only_the_final_line_of_a_truncated_log_is_enough()
    {
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(
            "ERROR: failed to solve: golang:1.23: failed to resolve source metadata for docker.io/library/golang:1.23: pull access denied, repository does not exist or may require authorization\n"));
        Assert.Equal("GD5003", diagnostic.Code);
        Assert.Contains("pull access denied", diagnostic.Message);
    }
}
