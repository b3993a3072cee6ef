using GoDocker.Core.Diagnostics;
using GoDocker.Core.Projects;
using GoDocker.Core.Tests.Projects;

namespace GoDocker.Core.Tests.Images;

/// <summary>Bad publish settings are errors at their line, before anything runs.</summary>
public sealed class ImagePublishSettingsTests
{
    [Fact]
    public void Defaults_are_the_lower_cased_project_name_and_the_version_plus_latest()
    {
        using var project = new GoProjectFixture();
        var (settings, diagnostics) = project.Read();

        Assert.DoesNotContain(diagnostics, d => d.IsError);
        Assert.Equal("app", settings.Publish.Repository);
        Assert.Equal(["1.2.3", "latest"], settings.Publish.EffectiveTags("1.2.3"));
        Assert.False(settings.Publish.Push);
        Assert.Equal("", settings.Publish.ArchiveOutputPath);
    }

    [Fact]
    public void A_registry_turns_push_on_and_tags_are_split_on_semicolons()
    {
        using var project = new GoProjectFixture()
            .Set("GoImageRegistry", "127.0.0.1:5000").Set("GoImageRepository", "team/hello").Set("GoImageTags", "1.0; stable ;1.0");
        var (settings, diagnostics) = project.Read();

        Assert.DoesNotContain(diagnostics, d => d.IsError);
        Assert.True(settings.Publish.Push);
        Assert.Equal("team/hello", settings.Publish.Repository);
        Assert.Equal(["1.0", "stable"], settings.Publish.EffectiveTags("9.9"));
    }

    [Theory]
    [InlineData("GoImageRepository", "Team/Hello", "GD1080", "lowercase")]
    [InlineData("GoImageRepository", "registry.example.com/team/hello", "GD1080", "GoImageRegistry")]
    [InlineData("GoImageRepository", "hello:1.0", "GD1080", "GoImageTags")]
    [InlineData("GoImageTags", "1.0;bad+tag", "GD1081", "bad+tag")]
    [InlineData("GoImageTags", "-leading", "GD1081", "-leading")]
    [InlineData("GoImageRegistry", "https://registry.example.com", "GD1084", "scheme")]
    [InlineData("GoImageRegistry", "registry", "GD1084", "'.'")]
    [InlineData("GoImageArchiveOutputPath", "missing/folder/app.tar", "GD1083", "missing")]
    public void A_bad_value_is_an_error_at_its_property_line(string property, string value, string code, string named)
    {
        using var project = new GoProjectFixture().Set(property, value);
        var (_, diagnostics) = project.Read();

        var error = Assert.Single(diagnostics, d => d.IsError);
        Assert.Equal(code, error.Code);
        Assert.Equal(project.ProjectPath, error.Location?.File);
        Assert.Equal(project.LineOf(property), error.Location?.Line);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_value_with_a_newline_is_an_error_at_its_item()
    {
        using var project = new GoProjectFixture().AddImageLabel("org.example.team", "payments\nrm -rf /").AddImageLabel("org.example.ok", "fine");
        var (settings, diagnostics) = project.Read();

        var error = Assert.Single(diagnostics, d => d.IsError);
        Assert.Same(DiagnosticCatalog.InvalidImageLabel, error.Descriptor);
        Assert.Equal(project.LineOfItem("GoImageLabel", "org.example.team"), error.Location?.Line);
        Assert.Contains("line break", error.Message, StringComparison.Ordinal);
        Assert.Equal("fine", settings.Publish.Labels["org.example.ok"]);
        Assert.False(settings.Publish.Labels.ContainsKey("org.example.team"));
    }

    [Fact]
    public void An_archive_path_in_an_existing_folder_is_taken_as_a_full_path()
    {
        using var project = new GoProjectFixture().Set("GoImageArchiveOutputPath", "app.tar");
        var (settings, diagnostics) = project.Read();

        Assert.DoesNotContain(diagnostics, d => d.IsError);
        Assert.Equal(Path.Combine(project.ProjectDirectory, "app.tar"), settings.Publish.ArchiveOutputPath);
    }

    [Fact]
    public void Push_without_a_registry_is_an_error()
    {
        using var project = new GoProjectFixture().Set("GoImagePush", "true");
        var (_, diagnostics) = project.Read();

        var error = Assert.Single(diagnostics, d => d.IsError);
        Assert.Contains("GoImageRegistry", error.Message, StringComparison.Ordinal);
        Assert.Equal(project.LineOf("GoImagePush"), error.Location?.Line);
    }
}
