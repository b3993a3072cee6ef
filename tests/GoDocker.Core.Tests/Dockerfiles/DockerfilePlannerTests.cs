using GoDocker.Core.Projects;
using GoDocker.Core.Tests.Projects;

namespace GoDocker.Core.Tests.Dockerfiles;

/// <summary>go.mod facts that make a build fail are reported before Docker runs, at the go.mod line.</summary>
public class DockerfilePlannerTests
{
    [Theory]
    [InlineData("godocker-test/golang:1.19", "go 1.21", "1.21")]
    [InlineData("golang:1.22-bookworm", "go 1.23.1", "1.23.1")]
    [InlineData("golang:1.22.3-bookworm", "go 1.22.5", "1.22.5")]
    public void A_go_line_newer_than_the_base_image_is_GD2005_at_the_go_line(string image, string goLine, string version)
    {
        using var f = new GoProjectFixture()
            .Set("GoBaseImage", image)
            .WriteFile("go.mod", $"module example.com/app\n\n{goLine}\n");
        var d = Assert.Single(f.PlanDiagnostics());
        Assert.Equal("GD2005", d.Code);
        Assert.Equal(3, d.Location?.Line);
        Assert.Contains(version, d.Message);
        Assert.Contains(image, d.Message);
        Assert.Contains("GOTOOLCHAIN is 'local'", d.Message);
    }

    [Theory]
    [InlineData("golang:1.22-bookworm", "go 1.22.9", "")]
    [InlineData("golang:1.22-bookworm", "go 1.23", "auto")]
    [InlineData("golang:1.22-bookworm", "go 1.23", "go1.23.4")]
    [InlineData("golang:bookworm", "go 1.30", "")]
    [InlineData("godocker-test/golang:1.19", "go 1.19", "")]
    public void No_GD2005_when_the_image_can_build_the_module_or_its_version_is_unknown(string image, string goLine, string toolchain)
    {
        using var f = new GoProjectFixture()
            .Set("GoBaseImage", image)
            .WriteFile("go.mod", $"module example.com/app\n\n{goLine}\n");
        if (toolchain.Length > 0)
        {
            f.Set("GoToolchain", toolchain);
        }
        Assert.Empty(f.PlanDiagnostics());
    }

    [Fact]
    public void Go_1_20_and_older_ignore_GOTOOLCHAIN_auto_so_a_newer_go_line_still_fails()
    {
        using var f = new GoProjectFixture()
            .Set("GoBaseImage", "godocker-test/golang:1.19")
            .Set("GoToolchain", "auto")
            .WriteFile("go.mod", "module example.com/app\n\ngo 1.21\n");
        Assert.Equal("GD2005", Assert.Single(f.PlanDiagnostics()).Code);
    }

    [Fact]
    public void A_toolchain_line_is_checked_when_GOTOOLCHAIN_is_path()
    {
        using var f = new GoProjectFixture()
            .Set("GoBaseImage", "golang:1.22.1-bookworm")
            .Set("GoToolchain", "path")
            .WriteFile("go.mod", "module example.com/app\n\ngo 1.22\n\ntoolchain go1.22.4\n");
        var d = Assert.Single(f.PlanDiagnostics());
        Assert.Equal("GD2005", d.Code);
        Assert.Equal(5, d.Location?.Line);
        Assert.Contains("toolchain 1.22.4", d.Message);
    }

    [Fact]
    public void A_replace_directory_outside_the_context_is_GD2006_at_its_target()
    {
        using var f = new GoProjectFixture("app")
            .WriteFile("go.mod", "module example.com/app\n\ngo 1.22\n\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => ../lib\n")
            .WriteFile("../lib/go.mod", "module example.com/lib\n");
        var d = Assert.Single(f.PlanDiagnostics());
        Assert.Equal("GD2006", d.Code);
        Assert.Equal(7, d.Location?.Line);
        Assert.Equal(28, d.Location?.Column);
        Assert.Contains("../lib", d.Message);
    }

    [Fact]
    public void A_replace_directory_in_a_block_is_found_at_its_line()
    {
        using var f = new GoProjectFixture("app")
            .WriteFile("go.mod", "module example.com/app\n\ngo 1.22\n\nreplace (\n\texample.com/a v1.0.0 => example.com/b v1.0.0\n\texample.com/lib => /opt/lib\n)\n");
        var d = Assert.Single(f.PlanDiagnostics());
        Assert.Equal("GD2006", d.Code);
        Assert.Equal(7, d.Location?.Line);
    }

    [Fact]
    public void A_replace_directory_without_go_mod_is_GD2040()
    {
        using var f = new GoProjectFixture()
            .WriteFile("go.mod", "module example.com/app\n\ngo 1.22\n\nreplace example.com/lib => ./third_party/lib\n")
            .WriteFile("third_party/lib/lib.go", "package lib\n");
        var d = Assert.Single(f.PlanDiagnostics());
        Assert.Equal("GD2040", d.Code);
        Assert.Equal(5, d.Location?.Line);
    }

    [Fact]
    public void A_replace_directory_inside_the_context_is_copied_into_deps_before_the_download()
    {
        using var f = new GoProjectFixture()
            .WriteFile("go.mod", "module example.com/app\n\ngo 1.22\n\nreplace example.com/lib => ./third_party/lib\n")
            .WriteFile("third_party/lib/go.mod", "module example.com/lib\n");
        var dockerfile = f.Generate().Dockerfile;
        var copy = dockerfile.IndexOf("COPY third_party/lib/go.mod /src/third_party/lib/\n", StringComparison.Ordinal);
        Assert.True(copy > 0);
        Assert.True(copy < dockerfile.IndexOf("go mod download", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("GoBuildFlags", "-mod=vendor")]
    [InlineData("GoFlags", "-mod=vendor")]
    public void Mod_vendor_without_a_vendor_folder_is_GD2041_at_the_property(string property, string value)
    {
        using var f = new GoProjectFixture().Set(property, value);
        var d = Assert.Single(f.PlanDiagnostics());
        Assert.Equal("GD2041", d.Code);
        Assert.Equal(f.LineOf(property), d.Location?.Line);
    }

    [Theory]
    [InlineData("go 1.13", "", false)]
    [InlineData("go 1.22", "", true)]
    [InlineData("go 1.22", "-mod=mod", false)]
    [InlineData("go 1.13", "-mod=vendor", true)]
    public void Vendor_mode_follows_the_go_command(string goLine, string buildFlags, bool vendor)
    {
        using var f = new GoProjectFixture()
            .WriteFile("go.mod", $"module example.com/app\n\n{goLine}\n")
            .WriteFile("vendor/modules.txt", "")
            .Set("GoBuildFlags", buildFlags);
        var (dockerfile, _, inputs) = f.Generate();
        Assert.Equal(vendor, inputs.VendorMode);
        Assert.Equal(!vendor, dockerfile.Contains("go mod download", StringComparison.Ordinal));
    }

    [Fact]
    public void A_module_folder_with_a_space_is_GD1047_instead_of_a_broken_COPY()
    {
        using var f = new GoProjectFixture("my app").Set("GoDockerContext", "..");
        var d = Assert.Single(f.PlanDiagnostics());
        Assert.Equal("GD1047", d.Code);
        Assert.Contains("my app", d.Message);
    }

    [Fact]
    public void A_go_mod_outside_the_context_is_GD1045()
    {
        using var f = new GoProjectFixture("app").Set("GoDockerContext", "sub").WriteFile("sub/x.txt", "");
        var (_, diagnostics) = f.Read();
        var d = Assert.Single(diagnostics);
        Assert.Equal("GD1045", d.Code);
        Assert.Equal(f.ProjectPath, d.Location?.File);
    }

    [Fact]
    public void CA_certificates_with_a_context_that_excludes_obj_are_GD1046()
    {
        using var f = new GoProjectFixture("app")
            .Set("GoDockerContext", "src")
            .Set("GoModFile", "src/go.mod")
            .WriteFile("src/go.mod", "module example.com/app\n\ngo 1.22\n")
            .WriteFile("ca.crt", TestCertificates.CaPem())
            .AddCaCertificate("ca.crt");
        var (_, diagnostics) = f.Read();
        Assert.Equal("GD1046", Assert.Single(diagnostics).Code);
    }

    [Fact]
    public async Task A_go_mod_syntax_error_is_GD2001_at_its_line_and_nothing_is_written()
    {
        using var f = new GoProjectFixture().WriteFile("go.mod", "module example.com/app\n\ngo 1.22\nrequire (\n");
        var (settings, _) = f.Read();
        var (inputs, diagnostics) = await Core.Dockerfiles.DockerfilePlanner.PlanAsync(settings, TestContext.Current.CancellationToken);
        Assert.Null(inputs);
        Assert.Equal("GD2001", diagnostics[0].Code);
        Assert.True(diagnostics[0].Location?.Line > 0);
    }
}
