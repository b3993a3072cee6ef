using GoDocker.Core.Classification;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Tests.Classification;

/// <summary>
/// <c>--progress rawjson</c>: BuildKit's SolveStatus objects, one a line, with each vertex's output as base64 chunks
/// that may split a line (TestData/buildx, written from the BuildKit client sources: there is no buildx here).
/// </summary>
public class BuildKitRawJsonTests
{
    private static string Sample(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "buildx", file));

    [Fact]
    public void Rawjson_recorded_from_buildkit_sources_reads_as_the_lines_plain_progress_prints()
    {
        var plain = BuildKitRawJson.ToPlain(Sample("rawjson-go-mod-download-410.jsonl"));

        Assert.Equal(
            [
                "#1 [deps 4/4] RUN --mount=type=cache,target=/go/pkg/mod go mod download -x",
                "#1 # get http://127.0.0.1:5000/example.com/greeting/@v/v1.0.0.info",
                // One line although its bytes came in two log objects.
                "#1 go: example.com/greeting@v1.0.0: reading http://127.0.0.1:5000/example.com/greeting/@v/v1.0.0.info: 410 Gone",
                "#1 ERROR: process \"/bin/sh -c go mod download -x\" did not complete successfully: exit code: 1",
                "------",
                " > [deps 4/4] RUN --mount=type=cache,target=/go/pkg/mod go mod download -x:",
                "# get http://127.0.0.1:5000/example.com/greeting/@v/v1.0.0.info",
                "go: example.com/greeting@v1.0.0: reading http://127.0.0.1:5000/example.com/greeting/@v/v1.0.0.info: 410 Gone",
                "------",
                "ERROR: failed to build: failed to solve: process \"/bin/sh -c go mod download -x\" did not complete successfully: exit code: 1",
            ],
            plain.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Rawjson_recorded_from_buildkit_sources_is_GD6001_once_at_the_require_line()
    {
        using var project = new TestProject("example.com/greeting@v1.0.0");

        var diagnostics = GoOutputClassifier.Default.Classify(Sample("rawjson-go-mod-download-410.jsonl"), project.Positions());

        var diagnostic = Assert.Single(diagnostics);
        Assert.Same(DiagnosticCatalog.ModuleVersionNotFound, diagnostic.Descriptor);
        Assert.Equal(TestProject.RequireLine, diagnostic.Location!.Line);
        Assert.Contains("410 Gone", diagnostic.Message);
    }

    [Theory]
    [InlineData("#6 0.053 go: downloading example.com/x v1.0.0\n")]
    [InlineData("{\"Path\": \"example.com/x\", \"Error\": \"boom\"}\n")]
    public void Output_without_status_objects_is_not_rawjson(string text) => Assert.False(BuildKitRawJson.Contains(text));

    [Fact]
    public void A_status_line_that_is_not_json_passes_through_unchanged()
    {
        const string text = "{\"logs\":[{\"vertex\":\"sha256:1\",\"data\":\"bm90IGVuZGVk\n";

        Assert.Equal(text, BuildKitRawJson.ToPlain(text));
    }
}
