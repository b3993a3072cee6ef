using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Tests.Diagnostics;

public class DiagnosticCatalogTests
{
    [Fact]
    public void Codes_are_unique()
    {
        var duplicates = DiagnosticCatalog.All.GroupBy(d => d.Code).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
        Assert.True(DiagnosticCatalog.All.Count > 40, "the catalog lost its entries");
    }

    [Fact]
    public void Codes_are_in_a_known_range_with_four_digits()
    {
        foreach (var d in DiagnosticCatalog.All)
        {
            Assert.Matches(new Regex("^GD[1-9][0-9]{3}$"), d.Code);
        }
    }

    [Fact]
    public void Every_code_has_a_docs_page_with_its_title()
    {
        var missing = new List<string>();
        foreach (var d in DiagnosticCatalog.All)
        {
            var page = Path.Combine(AppContext.BaseDirectory, "docs", "diagnostics", d.Code + ".md");
            if (!File.Exists(page))
            {
                missing.Add(d.Code);
                continue;
            }
            var text = File.ReadAllText(page);
            Assert.StartsWith("# " + d.Code, text);
        }
        Assert.Empty(missing);
    }

    [Fact]
    public void Help_link_points_at_the_docs_page()
    {
        Assert.EndsWith("docs/diagnostics/GD3002.md", DiagnosticCatalog.ConnectionRefused.HelpLink);
    }

    [Fact]
    public void Canonical_text_form_is_what_msbuild_parses()
    {
        var d = DiagnosticCatalog.ModuleVersionNotFound.Create(new SourceLocation("/src/go.mod", 7, 2), "example.com/a", "v1.0.0", "http://127.0.0.1:1", "404 Not Found");
        Assert.StartsWith("/src/go.mod(7,2): error GD6001: example.com/a@v1.0.0", d.ToString());
    }
}
