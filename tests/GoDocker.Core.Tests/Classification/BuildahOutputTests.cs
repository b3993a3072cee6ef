using GoDocker.Core.Classification;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Tests.Classification;

/// <summary>
/// podman build output (podman 4.3.1, Buildah 1.28.2, Debian 12) recorded on this machine, as the download stage
/// reads it when GoContainerEngine is Podman: Buildah prints <c>STEP n/m: INSTRUCTION</c>, the step's own output
/// unprefixed, and ends with <c>Error: building at STEP "…": while running runtime: exit status N</c>; a base image
/// it cannot pull ends with <c>Error: creating build container: …</c>. Each twin of a BuildKit test gives the same
/// code at the same line.
/// </summary>
public class BuildahOutputTests
{
    // go.mod requires example.com/lib v1.0.0; the proxy (python -m http.server on 127.0.0.1) has no such file.
    private const string ModuleVersionMissing = """
        STEP 1/5: FROM godocker-test/golang:1.19 AS deps
        STEP 2/5: WORKDIR /src
        --> 39ee1931d94
        STEP 3/5: ENV GOPROXY="http://127.0.0.1:38123" GOSUMDB=off GOFLAGS=-mod=mod
        --> ff7ceb9e8fd
        STEP 4/5: COPY go.mod go.sum /src/
        --> 7853b47ef4b
        STEP 5/5: RUN --mount=type=cache,id=godocker-go-mod-rec,target=/go/pkg/mod     out="$(go mod download -json)" || { printf '%s\n' "$out"; false; } && go mod verify
        go: example.com/lib@v1.0.0: reading http://127.0.0.1:38123/example.com/lib/@v/v1.0.0.mod: 404 File not found

        Error: building at STEP "RUN --mount=type=cache,id=godocker-go-mod-rec,target=/go/pkg/mod out="$(go mod download -json)" || { printf '%s\n' "$out"; false; } && go mod verify": while running runtime: exit status 1
        """;

    private const string UnknownFailure = """
        STEP 1/2: FROM godocker-test/golang:1.19 AS deps
        STEP 2/2: RUN echo something nobody has seen before; false
        something nobody has seen before
        Error: building at STEP "RUN echo something nobody has seen before; false": while running runtime: exit status 1
        """;

    // FROM 127.0.0.1:5999/golang:1.22 with nothing listening: podman retries three times, then gives up.
    private const string RegistryRefused = """
        STEP 1/2: FROM 127.0.0.1:5999/golang:1.22
        Trying to pull 127.0.0.1:5999/golang:1.22...
        time="2026-12-06T04:57:52Z" level=warning msg="Failed, retrying in 2s ... (1/3). Error: initializing source docker://127.0.0.1:5999/golang:1.22: pinging container registry 127.0.0.1:5999: Get \"https://127.0.0.1:5999/v2/\": dial tcp 127.0.0.1:5999: connect: connection refused"
        time="2026-12-06T04:57:54Z" level=warning msg="Failed, retrying in 2s ... (2/3). Error: initializing source docker://127.0.0.1:5999/golang:1.22: pinging container registry 127.0.0.1:5999: Get \"https://127.0.0.1:5999/v2/\": dial tcp 127.0.0.1:5999: connect: connection refused"
        time="2026-12-06T04:57:56Z" level=warning msg="Failed, retrying in 2s ... (3/3). Error: initializing source docker://127.0.0.1:5999/golang:1.22: pinging container registry 127.0.0.1:5999: Get \"https://127.0.0.1:5999/v2/\": dial tcp 127.0.0.1:5999: connect: connection refused"
        Error: creating build container: initializing source docker://127.0.0.1:5999/golang:1.22: pinging container registry 127.0.0.1:5999: Get "https://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused
        """;

    // The registry is an openssl s_server with a self-signed certificate.
    private const string RegistryUntrusted = """
        STEP 1/2: FROM 127.0.0.1:5998/golang:1.22
        Trying to pull 127.0.0.1:5998/golang:1.22...
        Error: creating build container: initializing source docker://127.0.0.1:5998/golang:1.22: pinging container registry 127.0.0.1:5998: Get "https://127.0.0.1:5998/v2/": x509: certificate signed by unknown authority
        """;

    // A registry that answers /v2/ and 404 MANIFEST_UNKNOWN for the tag (podman build --tls-verify=false).
    private const string ManifestUnknown = """
        STEP 1/2: FROM 127.0.0.1:5997/golang:1.22
        Trying to pull 127.0.0.1:5997/golang:1.22...
        Error: creating build container: initializing source docker://127.0.0.1:5997/golang:1.22: reading manifest 1.22 in 127.0.0.1:5997/golang: manifest unknown: manifest unknown
        """;

    // The same registry answering 401 UNAUTHORIZED (its first ping came before it listened).
    private const string Unauthorized = """
        STEP 1/2: FROM 127.0.0.1:5995/golang:1.22
        Trying to pull 127.0.0.1:5995/golang:1.22...
        time="2026-12-06T04:58:16Z" level=warning msg="Failed, retrying in 2s ... (1/3). Error: initializing source docker://127.0.0.1:5995/golang:1.22: pinging container registry 127.0.0.1:5995: Get \"http://127.0.0.1:5995/v2/\": dial tcp 127.0.0.1:5995: connect: connection refused"
        Error: creating build container: initializing source docker://127.0.0.1:5995/golang:1.22: reading manifest 1.22 in 127.0.0.1:5995/golang: unauthorized
        """;

    // FROM doesnotexist:1 with Debian's /etc/containers/registries.conf (no unqualified-search registries).
    private const string ShortNameUnresolved = """
        STEP 1/2: FROM doesnotexist:1
        Error: creating build container: short-name "doesnotexist:1" did not resolve to an alias and no unqualified-search registries are defined in "/etc/containers/registries.conf"
        """;

    [Fact]
    public void Missing_module_version_is_GD6001_at_its_require_line_as_under_BuildKit()
    {
        using var project = new TestProject("example.com/lib@v1.0.0");
        var buildKit = Assert.Single(GoOutputClassifier.Default.Classify(
            "#6 [deps 5/5] RUN go mod download\n#6 0.412 go: example.com/lib@v1.0.0: reading http://127.0.0.1:38123/example.com/lib/@v/v1.0.0.mod: 404 File not found\n"
            + "#6 ERROR: process \"/bin/sh -c go mod download\" did not complete successfully: exit code: 1\nERROR: failed to build: failed to solve: process \"/bin/sh -c go mod download\" did not complete successfully: exit code: 1\n",
            project.Positions()));

        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(ModuleVersionMissing, project.Positions()));

        Assert.Equal("GD6001", diagnostic.Code);
        Assert.Equal(project.GoMod, diagnostic.Location?.File);
        Assert.Equal(TestProject.RequireLine, diagnostic.Location?.Line);
        Assert.Equal(buildKit.Code, diagnostic.Code);
        Assert.Equal(buildKit.Location, diagnostic.Location);
        Assert.Contains("http://127.0.0.1:38123 answered 404", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_step_with_unknown_output_is_GD5005_with_the_cause_and_what_the_step_printed()
    {
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(UnknownFailure));
        Assert.Equal("GD5005", diagnostic.Code);
        Assert.StartsWith("docker build failed: building at STEP \"RUN echo something nobody has seen before; false\": while running runtime: exit status 1", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("  something nobody has seen before", diagnostic.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("STEP 1/2", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(RegistryRefused), "127.0.0.1:5999/golang:1.22", "connect: connection refused")]
    [InlineData(nameof(RegistryUntrusted), "127.0.0.1:5998/golang:1.22", "x509: certificate signed by unknown authority")]
    [InlineData(nameof(ManifestUnknown), "127.0.0.1:5997/golang:1.22", "manifest unknown")]
    [InlineData(nameof(Unauthorized), "127.0.0.1:5995/golang:1.22", "unauthorized")]
    [InlineData(nameof(ShortNameUnresolved), "doesnotexist:1", "no unqualified-search registries are defined")]
    public void A_base_image_podman_cannot_pull_is_GD5003_at_GoBaseImage_only(string sample, string image, string cause)
    {
        var log = (string)typeof(BuildahOutputTests).GetField(sample, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.GetValue(null)!;
        using var project = new GoProjFile($"<GoBaseImage>{image}</GoBaseImage>");

        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(log, project.Positions()));

        Assert.Equal("GD5003", diagnostic.Code);
        Assert.StartsWith($"The image {image} is not present locally and cannot be pulled: ", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(cause, diagnostic.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("creating build container", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(project.Path, diagnostic.Location?.File);
        Assert.Equal(GoProjFile.PropertyLine, diagnostic.Location?.Line);
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
