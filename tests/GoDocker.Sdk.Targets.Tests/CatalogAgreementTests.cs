using GoDocker.Core.Projects;

namespace GoDocker.Sdk.Targets.Tests;

/// <summary>
/// The evaluated SDK and Core's one declaration of the settings agree: every setting of the catalog has a row in the
/// defaults table these tests evaluate, and each literal default the catalog declares is what MSBuild evaluates.
/// </summary>
public sealed class CatalogAgreementTests
{
    [Fact]
    public void Every_catalog_property_is_evaluated_by_these_tests()
    {
        var rows = SdkPropertyDefaults.All.Select(r => r.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.All(ProjectSettingCatalog.Properties, s => Assert.True(rows.Contains(s.Name), $"{s.Name} has no row in SdkPropertyDefaults"));
    }

    [Fact]
    public void Literal_catalog_defaults_are_the_evaluated_defaults()
    {
        foreach (var setting in ProjectSettingCatalog.Properties)
        {
            var row = SdkPropertyDefaults.Row(setting.Name);
            if (setting.Default is null)
            {
                Assert.True(row.Default.Length == 0, $"{setting.Name}: the catalog declares no default but the table expects '{row.Default}'");
            }
            else if (!setting.Default.Contains("$(", StringComparison.Ordinal))
            {
                Assert.Equal(setting.Default, row.Default);
            }
        }
    }
}
