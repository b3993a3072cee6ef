using GoDocker.Core.Classification;

namespace GoDocker.Core.Tests.Classification;

/// <summary>
/// Every recorded failure of the go-errors corpus, as podman build (Buildah) would print it (rewritten in the shapes
/// recorded from podman 4.3.1 here, see <see cref="BuildahWording"/>), yields the same diagnostics at the same lines
/// as the BuildKit recording: the podman twin of every GD2/GD3/GD4/GD5/GD6 classifier sample.
/// </summary>
public class BuildahCorpusTests
{
    private static string Sample(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "go-errors", file));

    [Theory]
    [MemberData(nameof(GoErrorsCorpusTests.Samples), MemberType = typeof(GoErrorsCorpusTests))]
    public void Buildah_wording_written_from_recorded_podman_output_is_classified_as_the_BuildKit_recording(string file, string[] codes, string? module, GoErrorsCorpusTests.Where where)
    {
        _ = where;
        using var project = new TestProject(module);
        var buildah = BuildahWording.ToBuildah(Sample(file));
        if (buildah is null)
        {
            // A '# syntax=' frontend (GD5004): Buildah never fetches one, so there is no podman twin.
            Assert.Equal(["GD5004"], codes);
            return;
        }
        var recorded = GoOutputClassifier.Default.Classify(Sample(file), project.Positions());

        var podman = GoOutputClassifier.Default.Classify(buildah, project.Positions());

        Assert.True(codes.SequenceEqual(podman.Select(d => d.Code)), $"{string.Join(",", podman.Select(d => d.Code))} from\n{buildah}");
        Assert.Equal(recorded.Select(d => d.Location), podman.Select(d => d.Location));
    }
}
