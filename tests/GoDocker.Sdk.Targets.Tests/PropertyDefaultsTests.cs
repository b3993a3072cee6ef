using GoDocker.Sdk.Targets.Tests.Infrastructure;

namespace GoDocker.Sdk.Targets.Tests;

/// <summary>
/// Every documented default applies when the project leaves the property alone, and gives way to a value from the
/// project, a Directory.Build.props or the command line (docs/sdk.md: "Every default applies only when the property
/// is empty").
/// </summary>
public sealed class PropertyDefaultsTests(EvaluatedSdkProjects projects) : IClassFixture<EvaluatedSdkProjects>
{
    [Theory]
    [MemberData(nameof(SdkPropertyDefaults.Names), MemberType = typeof(SdkPropertyDefaults))]
    public void A_project_that_does_not_set_the_property_gets_the_default(string name) => AssertDefault(projects.Unset, name);

    [Theory]
    [MemberData(nameof(SdkPropertyDefaults.DefaultedAfterProjectBodyNames), MemberType = typeof(SdkPropertyDefaults))]
    public void A_project_that_sets_the_property_empty_gets_the_default(string name) => AssertDefault(projects.Empty, name);

    [Theory]
    [MemberData(nameof(SdkPropertyDefaults.Names), MemberType = typeof(SdkPropertyDefaults))]
    public void A_value_in_the_project_replaces_the_default(string name) =>
        Assert.Equal(SdkPropertyDefaults.Row(name).Override, projects.SetInProject[name]);

    [Theory]
    [MemberData(nameof(SdkPropertyDefaults.Names), MemberType = typeof(SdkPropertyDefaults))]
    public void A_value_in_Directory_Build_props_replaces_the_default(string name) =>
        Assert.Equal(SdkPropertyDefaults.Row(name).Override, projects.SetInDirectoryBuildProps[name]);

    [Theory]
    [MemberData(nameof(SdkPropertyDefaults.Names), MemberType = typeof(SdkPropertyDefaults))]
    public void A_value_on_the_command_line_replaces_the_default(string name) =>
        Assert.Equal(SdkPropertyDefaults.Row(name).Override, projects.SetOnCommandLine[name]);

    [Fact]
    public void The_Dockerfile_follows_the_configuration_and_the_intermediate_folder()
    {
        using var release = new GoProjectCreator();
        Assert.Equal(release.Path("obj", "Release", "godocker", "Dockerfile"),
            SdkPropertyDefaults.Row("GoDockerfilePath").Normalize(release.Evaluate(new Dictionary<string, string> { ["Configuration"] = "Release" }).GetPropertyValue("GoDockerfilePath")));

        using var moved = new GoProjectCreator();
        moved.ImportedFile("Directory.Build.props", GoProjectCreator.PropertyGroup(("BaseIntermediateOutputPath", "out/obj/")));
        Assert.Equal(moved.Path("out", "obj", "Debug", "godocker", "Dockerfile"),
            SdkPropertyDefaults.Row("GoDockerfilePath").Normalize(moved.Evaluate().GetPropertyValue("GoDockerfilePath")));
    }

    [Fact]
    public void A_goproj_compiles_none_of_the_sources_beside_it()
    {
        using var creator = new GoProjectCreator().GoModule();
        File.WriteAllText(creator.Path("Program.cs"), "class Program { static void Main() {} }");

        var project = creator.Evaluate();

        Assert.Equal("true", project.GetPropertyValue("UsingGoDockerSdk"));
        Assert.Empty(project.GetItems("Compile"));
        Assert.Empty(project.GetItems("EmbeddedResource"));
        Assert.Empty(project.GetItems("None"));
    }

    private static void AssertDefault(EvaluatedProject project, string name)
    {
        var row = SdkPropertyDefaults.Row(name);
        Assert.Equal(row.Expected(project.Folder, GoProjectCreator.SdkFolder), row.Normalize(project[name]));
    }
}
