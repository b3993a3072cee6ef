using GoDocker.Core.GoMod;

namespace GoDocker.Core.Tests.GoMod;

/// <summary>
/// The go.mod grammar of one Go release against that release's own verdicts: every go.mod of Go 1.19's script tests
/// (plus files with the directives later releases added) parsed as go1.19 would, compared with what go1.19.8's
/// <c>go mod edit -json</c> printed for it (TestData/go-script-gomods, see its SOURCES.md).
/// </summary>
public class GoModReleaseTests
{
    private static readonly GoModRelease Go119 = new(19);

    public static TheoryData<string> Go119Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases())
        {
            data.Add(c.Id);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Go119Cases))]
    public void Go119_accepts_and_rejects_what_go119_does(string id)
    {
        var c = Cases().Single(x => x.Id == id);
        var expected = c.Verdict.Where(l => l.StartsWith("go.mod:", StringComparison.Ordinal)).ToList();

        var errors = ErrorsOf(c.Body, Go119);

        Assert.Equal(expected, errors);
        Assert.Equal(c.Verdict is ["ok"], errors.Count == 0);
    }

    [Fact]
    public void The_table_holds_the_script_tests_and_their_rejections()
    {
        var cases = Cases().ToList();
        Assert.Equal(943, cases.Count);
        Assert.True(cases.Count(c => c.Verdict is not ["ok"]) >= 30);
    }

    [Theory]
    [InlineData("toolchain go1.21.0", 21)]
    [InlineData("godebug panicnil=1", 23)]
    [InlineData("tool golang.org/x/tools/cmd/stringer", 24)]
    [InlineData("ignore ./node_modules", 25)]
    public void A_directive_is_known_from_its_release_on_and_an_error_at_its_line_before(string directive, int since)
    {
        var text = $"module m\n\ngo 1.19\n\n{directive}\n";
        Assert.Empty(ErrorsOf(text, new GoModRelease(since)));
        Assert.Equal([$"go.mod:5: unknown directive: {directive.Split(' ')[0]}"], ErrorsOf(text, new GoModRelease(since - 1)));
    }

    [Fact]
    public void A_patch_go_version_is_valid_from_go121_on()
    {
        const string text = "module m\n\ngo 1.21.0\n";
        Assert.Empty(ErrorsOf(text, new GoModRelease(21)));
        Assert.Equal(["go.mod:3: invalid go version '1.21.0': must match format 1.23"], ErrorsOf(text, new GoModRelease(20)));
    }

    [Fact]
    public void A_dependency_go_mod_is_read_by_an_old_release_as_before()
    {
        // Lax parsing (a dependency's go.mod) ignores unknown directives in every release.
        var file = GoModFile.ParseLax("go.mod", "module m\n\ngo 1.21.0\n\ntool x.example/t\n");
        Assert.Equal("1.21.0", file.Go!.Version);
    }

    [Fact]
    public void What_an_old_release_rejects_is_reported_at_its_lines_as_the_base_image_check_needs()
    {
        const string text = "module m\n\ngo 1.21.0\n\ntoolchain go1.22.1\n\nrequire example.com/a v1.0.0\n\ntool example.com/a/cmd/x\n";
        var problems = Go119.ProblemsIn("/src/go.mod", Core.Modules.GoText.ToBytes(text));

        Assert.Equal(["GD2008 3", "GD2007 5", "GD2007 9"], problems.Select(d => $"{d.Code} {d.Location?.Line}"));
        Assert.Contains("'toolchain'", problems[1].Message);
        Assert.Contains("invalid go version '1.21.0': must match format 1.23", problems[0].Message);
        Assert.Empty(new GoModRelease(24).ProblemsIn("/src/go.mod", Core.Modules.GoText.ToBytes(text)));
        // Broken for every release: the ordinary parse reports it, not the release check.
        Assert.Empty(Go119.ProblemsIn("/src/go.mod", Core.Modules.GoText.ToBytes("module m\nrequire x\n")));
    }

    [Theory]
    [InlineData("1.19", 19)]
    [InlineData("go1.19", 19)]
    [InlineData("1.19.8", 19)]
    [InlineData("1.21rc1", 21)]
    [InlineData("1.26", 26)]
    public void A_release_is_read_as_users_name_it(string text, int minor) =>
        Assert.Equal(minor, GoModRelease.TryParse(text)!.Minor);

    [Theory]
    [InlineData("2.0")]
    [InlineData("1")]
    [InlineData("1.x")]
    [InlineData("latest")]
    public void Anything_else_is_not_a_release(string text) => Assert.Null(GoModRelease.TryParse(text));

    private static List<string> ErrorsOf(string text, GoModRelease release)
    {
        try
        {
            GoModFile.Parse("go.mod", Core.Modules.GoText.ToBytes(text), release);
            return [];
        }
        catch (ModParseException e)
        {
            return e.Errors.Select(x => x.ToString()).ToList();
        }
    }

    private sealed record Case(string Id, IReadOnlyList<string> Verdict, string Body);

    private static IEnumerable<Case> Cases()
    {
        var lines = File.ReadAllText(Path.Combine(ModTestData.Root, "go-script-gomods", "go1.19.txt")).Split('\n');
        string? id = null;
        var verdict = new List<string>();
        var body = new System.Text.StringBuilder();
        foreach (var line in lines.Take(lines.Length - 1))
        {
            if (line.StartsWith("-- ", StringComparison.Ordinal) && line.EndsWith(" --", StringComparison.Ordinal))
            {
                if (id is not null)
                {
                    yield return new Case(id, verdict, body.ToString());
                }
                (id, verdict, body) = (line[3..^3], [], new System.Text.StringBuilder());
            }
            else if (line.StartsWith("# go1.19: ", StringComparison.Ordinal))
            {
                verdict.Add(line["# go1.19: ".Length..]);
            }
            else
            {
                body.Append(line).Append('\n');
            }
        }
        if (id is not null)
        {
            yield return new Case(id, verdict, body.ToString());
        }
    }
}
