using System.Text.Json;
using FsCheck.Xunit;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.GoEnv;

namespace GoDocker.Core.Tests.GoEnv;

public class ModulePathPatternsTests
{
    public static TheoryData<string, string, bool> XModTable()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "x-mod", "tables", "module", "matchPrefixPatternsTests.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var data = new TheoryData<string, string, bool>();
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            data.Add(c.GetProperty("globs").GetString()!, c.GetProperty("target").GetString()!, c.GetProperty("want").GetBoolean());
        }
        return data;
    }

    [Fact]
    public void The_x_mod_table_is_all_there()
    {
        Assert.True(XModTable().Count >= 26, "matchPrefixPatternsTests.json lost its cases");
    }

    [Theory]
    [MemberData(nameof(XModTable))]
    public void Matches_every_case_of_the_x_mod_table(string globs, string target, bool want)
    {
        Assert.Equal(want, ModulePathPatterns.MatchPrefixPatterns(globs, target));
        Assert.Equal(want, new ModulePathPatterns(globs).Matches(target));
    }

    [Fact]
    public void Reports_a_malformed_glob_that_go_would_silently_ignore()
    {
        var result = ModulePathPatterns.Parse("git.corp.example/*,git.corp.example/[team", "GOPRIVATE");

        var error = Assert.Single(result.Errors);
        Assert.Equal("GD1003", error.Descriptor.Code);
        Assert.Contains("\"git.corp.example/[team\": syntax error in pattern", error.Message);
        // Go still applies the good glob and ignores the bad one.
        Assert.True(result.Value.Matches("git.corp.example/x"));
        Assert.False(new ModulePathPatterns("git.corp.example/[team").Matches("git.corp.example/[team"));
    }

    [Fact]
    public void Errors_carry_the_location_the_caller_gives()
    {
        var result = ModulePathPatterns.Parse("[", "GONOSUMDB");
        var location = new SourceLocation("app.goproj", 7, 5);

        var diagnostic = Assert.Single(result.ToDiagnostics(location));

        Assert.Equal(location, diagnostic.Location);
        Assert.StartsWith("GONOSUMDB '[' is invalid: pattern \"[\": syntax error in pattern", diagnostic.Message);
    }

    [Fact]
    public void First_match_names_the_glob_that_made_a_module_private()
    {
        var patterns = new ModulePathPatterns("*.internal,git.corp.example/platform");

        Assert.Equal("git.corp.example/platform", patterns.FirstMatch("git.corp.example/platform/api/v2"));
        Assert.Equal("*.internal", patterns.FirstMatch("svc.internal/lib"));
        Assert.Null(patterns.FirstMatch("github.com/corp/platform"));
    }

    [Property(MaxTest = 300)]
    public bool Matching_never_throws(string? globs, string? target) =>
        ModulePathPatterns.MatchPrefixPatterns(globs ?? string.Empty, target ?? string.Empty) || true;

    [Property(MaxTest = 200)]
    public bool A_module_path_always_matches_its_own_first_element(FsCheck.NonEmptyString element, string? rest)
    {
        var first = new string(element.Get.Where(c => char.IsAsciiLetterOrDigit(c) || c == '.').ToArray());
        if (first.Length == 0)
        {
            return true;
        }
        var path = first + "/" + new string((rest ?? "x").Where(char.IsAsciiLetterOrDigit).ToArray());
        return new ModulePathPatterns(first).Matches(path);
    }
}
