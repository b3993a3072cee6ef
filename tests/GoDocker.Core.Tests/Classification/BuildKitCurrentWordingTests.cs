using GoDocker.Core.Classification;

namespace GoDocker.Core.Tests.Classification;

/// <summary>
/// Every recorded failure of the go-errors corpus, rewritten as current buildx prints it (there is no buildx here:
/// the rewriting follows the buildx and BuildKit sources, see <see cref="BuildKitWording"/>), yields the same
/// diagnostics at the same lines as the recorded wording: in today's plain progress and in <c>--progress rawjson</c>.
/// </summary>
public class BuildKitCurrentWordingTests
{
    private static string Sample(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "go-errors", file));

    [Theory]
    [MemberData(nameof(GoErrorsCorpusTests.Samples), MemberType = typeof(GoErrorsCorpusTests))]
    public void Current_buildx_plain_wording_recorded_from_buildx_sources_is_classified_as_the_recorded_wording(string file, string[] codes, string? module, GoErrorsCorpusTests.Where where)
    {
        _ = where;
        using var project = new TestProject(module);
        var recorded = GoOutputClassifier.Default.Classify(Sample(file), project.Positions());

        var current = GoOutputClassifier.Default.Classify(BuildKitWording.ToCurrentPlain(Sample(file)), project.Positions());

        Assert.Equal(codes, current.Select(d => d.Code));
        Assert.Equal(recorded.Select(d => d.Location), current.Select(d => d.Location));
    }

    [Theory]
    [MemberData(nameof(GoErrorsCorpusTests.Samples), MemberType = typeof(GoErrorsCorpusTests))]
    public void Rawjson_progress_recorded_from_buildkit_sources_is_classified_as_the_recorded_wording(string file, string[] codes, string? module, GoErrorsCorpusTests.Where where)
    {
        _ = where;
        using var project = new TestProject(module);
        var recorded = GoOutputClassifier.Default.Classify(Sample(file), project.Positions());

        var rawjson = GoOutputClassifier.Default.Classify(BuildKitWording.ToRawJson(Sample(file)), project.Positions());

        Assert.Equal(codes, rawjson.Select(d => d.Code));
        Assert.Equal(recorded.Select(d => d.Location), rawjson.Select(d => d.Location));
    }
}
