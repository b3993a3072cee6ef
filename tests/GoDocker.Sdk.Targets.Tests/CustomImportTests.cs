using GoDocker.Sdk.Targets.Tests.Infrastructure;

namespace GoDocker.Sdk.Targets.Tests;

/// <summary>
/// The documented extension points CustomBeforeGoDockerProps, CustomAfterGoDockerProps, CustomBeforeGoDockerTargets
/// and CustomAfterGoDockerTargets: each file is imported, in its place around the SDK's own files, so what it sets
/// is visible and meets the SDK's defaults in the order a user relies on.
/// </summary>
public sealed class CustomImportTests
{
    [Fact]
    public void The_four_files_are_imported_around_the_SDK_and_the_project_in_order()
    {
        using var creator = new GoProjectCreator();
        var beforeProps = creator.ImportedFile("before.props", Append("before-props"));
        creator.ImportedFile("Directory.Build.props", GoProjectCreator.PropertyGroup(("CustomAfterGoDockerProps", creator.ImportedFile("after.props", Append("after-props")))));
        creator.Property("CustomBeforeGoDockerTargets", creator.ImportedFile("before.targets", Append("before-targets")))
            .Property("CustomAfterGoDockerTargets", creator.ImportedFile("after.targets", Append("after-targets")))
            .Body(Append("project"));

        var project = creator.Evaluate(new Dictionary<string, string> { ["CustomBeforeGoDockerProps"] = beforeProps });

        Assert.Equal("before-props;after-props;project;before-targets;after-targets;", project.GetPropertyValue("ImportOrder"));
    }

    [Fact]
    public void CustomBeforeGoDockerProps_comes_before_the_dotnet_SDK_and_its_values_replace_the_defaults()
    {
        using var creator = new GoProjectCreator();
        var file = creator.ImportedFile("before.props", GoProjectCreator.PropertyGroup(
            ("SeenCommonProps", "$(MicrosoftCommonPropsHasBeenImported)"),
            ("GenerateDependencyFile", "true")));

        var project = creator.Evaluate(new Dictionary<string, string> { ["CustomBeforeGoDockerProps"] = file });

        Assert.Equal("", project.GetPropertyValue("SeenCommonProps"));
        Assert.Equal("true", project.GetPropertyValue("GenerateDependencyFile"));
    }

    [Fact]
    public void CustomAfterGoDockerProps_from_Directory_Build_props_sees_the_SDK_props()
    {
        using var creator = new GoProjectCreator();
        var file = creator.ImportedFile("after.props", GoProjectCreator.PropertyGroup(
            ("SeenCommonProps", "$(MicrosoftCommonPropsHasBeenImported)"),
            ("SeenTargetFramework", "$(TargetFramework)")));
        creator.ImportedFile("Directory.Build.props", GoProjectCreator.PropertyGroup(("CustomAfterGoDockerProps", file)));

        var project = creator.Evaluate();

        Assert.Equal("true", project.GetPropertyValue("SeenCommonProps"));
        Assert.Equal("netstandard2.0", project.GetPropertyValue("SeenTargetFramework"));
    }

    [Fact]
    public void A_value_set_in_CustomBeforeGoDockerTargets_is_kept_over_the_default()
    {
        using var creator = new GoProjectCreator();
        creator.Property("CustomBeforeGoDockerTargets", creator.ImportedFile("before.targets", GoProjectCreator.PropertyGroup(
            ("GoVerifyTimeout", "30"),
            ("SeenProjectValue", "$(GoBaseImage)"))))
            .Property("GoBaseImage", "golang:1.23-alpine");

        var project = creator.Evaluate();

        Assert.Equal("30", project.GetPropertyValue("GoVerifyTimeout"));
        Assert.Equal("golang:1.23-alpine", project.GetPropertyValue("SeenProjectValue"));
    }

    [Fact]
    public void CustomAfterGoDockerTargets_sees_the_defaults_and_has_the_last_word()
    {
        using var creator = new GoProjectCreator();
        creator.Property("CustomAfterGoDockerTargets", creator.ImportedFile("after.targets", GoProjectCreator.PropertyGroup(
            ("SeenVerifyTimeout", "$(GoVerifyTimeout)"),
            ("SeenBuildDependsOn", "$(GoDockerBuildDependsOn)"),
            ("GoMainPackage", "./cmd/server"))))
            .Property("GoMainPackage", "./cmd/other");

        var project = creator.Evaluate();

        Assert.Equal("5", project.GetPropertyValue("SeenVerifyTimeout"));
        Assert.Contains("GoDockerGenerate", project.GetPropertyValue("SeenBuildDependsOn"), StringComparison.Ordinal);
        Assert.Equal("./cmd/server", project.GetPropertyValue("GoMainPackage"));
    }

    [Fact]
    public void A_Custom_property_naming_a_missing_file_imports_nothing_and_fails_nothing()
    {
        using var creator = new GoProjectCreator();
        creator.Property("CustomBeforeGoDockerTargets", creator.Path("missing.targets"))
            .Property("CustomAfterGoDockerTargets", creator.Path("missing-too.targets"));

        var project = creator.Evaluate(new Dictionary<string, string> { ["CustomBeforeGoDockerProps"] = creator.Path("missing.props") });

        Assert.Equal("bookworm", project.GetPropertyValue("GoBaseImageVariant"));
    }

    /// <summary>A property group that appends <paramref name="name"/> to ImportOrder, so the final value lists the imports in order.</summary>
    private static string Append(string name) => GoProjectCreator.PropertyGroup(("ImportOrder", "$(ImportOrder)" + name + ";"));
}
