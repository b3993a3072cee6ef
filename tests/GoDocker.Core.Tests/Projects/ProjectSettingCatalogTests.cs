using System.Text.RegularExpressions;
using GoDocker.Core.GoEnv;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Tests.Projects;

/// <summary>
/// The settings are declared once, in <see cref="ProjectSettingCatalog"/>; the SDK's settings targets and the tables
/// of docs/sdk.md are written from it. Set GODOCKER_UPDATE_GENERATED=1 (build/build.sh generate) to rewrite both.
/// </summary>
public sealed partial class ProjectSettingCatalogTests
{
    private static readonly bool Update = Environment.GetEnvironmentVariable("GODOCKER_UPDATE_GENERATED") == "1";

    [Fact]
    public void The_SDK_settings_targets_are_the_ones_the_catalog_writes()
    {
        var path = RepositoryFile("src", "GoDocker.Sdk", "Sdk", ProjectSettingsTargetsWriter.FileName);
        var expected = ProjectSettingsTargetsWriter.Write();
        if (Update)
        {
            File.WriteAllText(path, expected);
        }
        Assert.True(File.Exists(path) && File.ReadAllText(path) == expected,
            $"{path} differs from ProjectSettingCatalog; run build/build.sh generate and commit the result");
    }

    [Theory]
    [InlineData(ProjectSettingSection.Go)]
    [InlineData(ProjectSettingSection.Sdk)]
    [InlineData(ProjectSettingSection.Gateway)]
    public void Docs_list_every_setting_with_its_default(ProjectSettingSection section)
    {
        var path = RepositoryFile("docs", "sdk.md");
        var docs = File.ReadAllText(path);
        var begin = $"<!-- settings:{section.ToString().ToLowerInvariant()} -->\n";
        const string End = "<!-- /settings -->";
        var start = docs.IndexOf(begin, StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/sdk.md has no '{begin.Trim()}' marker");
        var stop = docs.IndexOf(End, start, StringComparison.Ordinal);
        var table = ProjectSettingsDocsWriter.Table(section);
        if (Update)
        {
            File.WriteAllText(path, docs[..(start + begin.Length)] + table + docs[stop..]);
            docs = File.ReadAllText(path);
            stop = docs.IndexOf(End, start, StringComparison.Ordinal);
        }
        Assert.Equal(table, docs[(start + begin.Length)..stop]);
    }

    [Fact]
    public void Every_Go_setting_is_named_after_the_variable_the_go_command_reads()
    {
        foreach (var setting in ProjectSettingCatalog.GoEnvironment)
        {
            Assert.Contains(setting.GoVariable!, GoEnvironmentReader.Defaults.Keys);
            // MSBuild property names are case-insensitive, so GoProxy is also how MSBuild sees $(GOPROXY).
            Assert.Equal(setting.GoVariable, "GO" + setting.Name[2..].ToUpperInvariant());
        }
    }

    [Fact]
    public void Names_are_unique_and_every_default_has_its_reason()
    {
        Assert.Equal(ProjectSettingCatalog.All.Length, ProjectSettingCatalog.All.Select(s => s.Name.ToUpperInvariant()).Distinct().Count());
        Assert.All(ProjectSettingCatalog.All.Where(s => s.Default is not null), s => Assert.False(string.IsNullOrWhiteSpace(s.DefaultReason), s.Name));
        Assert.All(ProjectSettingCatalog.All, s => Assert.Matches(SettingName(), s.Name));
    }

    private static string RepositoryFile(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GoDocker.Sdk.sln")))
        {
            dir = dir.Parent;
        }
        Assert.NotNull(dir);
        return Path.Combine([dir.FullName, .. parts]);
    }

    [GeneratedRegex("^Go[A-Z][A-Za-z]+$")]
    private static partial Regex SettingName();
}
