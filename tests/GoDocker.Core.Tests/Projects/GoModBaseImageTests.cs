using GoDocker.Core.Projects;

namespace GoDocker.Core.Tests.Projects;

/// <summary>With GoBaseImage empty, the base image is the golang image of the Go that go.mod asks for.</summary>
public class GoModBaseImageTests
{
    [Theory]
    [InlineData("go 1.23.4\n", "golang:1.23.4-bookworm")]
    [InlineData("go 1.21\n", "golang:1.21-bookworm")]
    [InlineData("go 1.22\n\ntoolchain go1.22.6\n", "golang:1.22.6-bookworm")]
    [InlineData("go 1.23.2\n\ntoolchain go1.23.0\n", "golang:1.23.2-bookworm")]
    [InlineData("go 1.24rc1\n", "golang:1.24rc1-bookworm")]
    [InlineData("", "golang:1.22-bookworm")]
    public void The_image_follows_the_toolchain_line_when_newer_else_the_go_line(string lines, string image)
    {
        using var f = new GoProjectFixture().WriteFile("go.mod", "module example.com/app\n\n" + lines);

        var (settings, diagnostics) = f.Read();

        Assert.DoesNotContain(diagnostics, d => d.IsError);
        Assert.Equal(image, settings.BaseImage);
        Assert.Contains("FROM " + image + " AS deps", f.Generate().Dockerfile);
        Assert.DoesNotContain(f.PlanDiagnostics(), d => d.Code == "GD2005");
    }

    [Fact]
    public void GoBaseImageVariant_picks_the_variant_and_a_bad_one_is_GD1007_at_its_line()
    {
        using var f = new GoProjectFixture().WriteFile("go.mod", "module example.com/app\n\ngo 1.23.1\n").Set("GoBaseImageVariant", "alpine3.20");
        Assert.Equal("golang:1.23.1-alpine3.20", f.Read().Settings.BaseImage);

        f.Set("GoBaseImageVariant", "bookworm AS evil");
        var (settings, diagnostics) = f.Read();
        var d = Assert.Single(diagnostics, d => d.IsError);
        Assert.Equal("GD1007", d.Code);
        Assert.Equal(f.LineOf("GoBaseImageVariant"), d.Location?.Line);
        Assert.Equal("golang:1.23.1-bookworm", settings.BaseImage);
    }

    [Fact]
    public void An_explicit_GoBaseImage_is_kept_and_still_checked_against_go_mod_GD2005()
    {
        using var f = new GoProjectFixture().WriteFile("go.mod", "module example.com/app\n\ngo 1.23.1\n").Set("GoBaseImage", "golang:1.22-bookworm");

        Assert.Equal("golang:1.22-bookworm", f.Read().Settings.BaseImage);
        Assert.Equal("GD2005", Assert.Single(f.PlanDiagnostics()).Code);
    }
}
