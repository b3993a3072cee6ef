using System.Text.RegularExpressions;
using GoDocker.Core.Classification;

namespace GoDocker.Core.Tests.Classification;

/// <summary>The example output on each docs page of a classifier code really produces that code.</summary>
public partial class DocsExampleTests
{
    public static TheoryData<string> ClassifierCodes => new(
        "GD1016", "GD1017", "GD2004", "GD2007", "GD2008", "GD2042", "GD2043", "GD3001", "GD3002", "GD3003", "GD3004", "GD3005", "GD3006", "GD3007", "GD3008",
        "GD3009", "GD3020", "GD3021", "GD4001", "GD4002", "GD4003", "GD4004", "GD4010", "GD4021", "GD5003", "GD5004", "GD5005", "GD5006",
        "GD6001", "GD6002", "GD6003", "GD6004", "GD6005", "GD6006", "GD6007", "GD6008", "GD6009", "GD6010", "GD6011", "GD6020", "GD6021", "GD6022", "GD6023", "GD6024", "GD6025", "GD6999");

    [Theory]
    [MemberData(nameof(ClassifierCodes))]
    public void Docs_example_is_classified_as_its_code(string code)
    {
        var page = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "diagnostics", code + ".md"));
        Assert.Contains("## When it happens", page);
        Assert.Contains("## How to fix", page);
        var example = ExampleBlock().Match(page);
        Assert.True(example.Success, $"{code}.md has no example output block");
        var codes = GoOutputClassifier.Default.Classify(example.Groups["text"].Value).Select(d => d.Code);
        Assert.Equal([code], codes);
    }

    [GeneratedRegex(@"## Example\s.*?```text\n(?<text>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();
}
