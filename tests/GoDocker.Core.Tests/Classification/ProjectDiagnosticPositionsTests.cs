using GoDocker.Core.Classification;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Tests.Classification;

public sealed class ProjectDiagnosticPositionsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "godocker-positions-" + Guid.NewGuid().ToString("N"));

    public ProjectDiagnosticPositionsTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Require_lines_are_found_for_plain_and_case_escaped_paths()
    {
        var goMod = Write("go.mod", "module example.com/app\n\ngo 1.22\n\nrequire github.com/Azure/go-autorest v14.2.0+incompatible\n\nrequire (\n\tgolang.org/x/text v0.3.0 // indirect\n)\n");
        var positions = ProjectDiagnosticPositions.Load(goMod);
        var single = positions.Require("github.com/Azure/go-autorest");
        Assert.Equal((5, 9), (single?.Line, single?.Column));
        Assert.Equal(5, positions.Require("github.com/!azure/go-autorest")?.Line);
        Assert.Equal(5, positions.Require("github.com/%21azure/go-autorest")?.Line);
        var block = positions.Require("golang.org/x/text");
        Assert.Equal((8, 2), (block?.Line, block?.Column));
        Assert.Null(positions.Require("golang.org/x/net"));
        Assert.Equal(3, positions.Directive("go")?.Line);
        Assert.Equal(5, positions.Directive("require")?.Line);
        Assert.Null(positions.Directive("toolchain"));
        Assert.Equal(goMod, positions.GoModLine(4)?.File);
        Assert.Null(positions.GoModLine(40));
    }

    [Fact]
    public void Go_sum_lines_are_found_for_zip_and_go_mod_hashes()
    {
        var goMod = Write("go.mod", "module example.com/app\n\ngo 1.22\n\nrequire golang.org/x/text v0.3.0\n");
        var goSum = Write("go.sum", "golang.org/x/text v0.3.0 h1:g61tztE5qeGQ89tm6NTjjM9VPIm088od1l6aSorWRWg=\ngolang.org/x/text v0.3.0/go.mod h1:NqM8EUOU14njkJ3fqMW+pc6Ldnwhi/IjpwHt7yyuwOQ=\n");
        var positions = ProjectDiagnosticPositions.Load(goMod);
        var zip = positions.Sum("golang.org/x/text", "v0.3.0", goMod: false);
        Assert.Equal((goSum, 1, 1), (zip?.File, zip?.Line, zip?.Column));
        Assert.Equal(2, positions.Sum("golang.org/x/text", "v0.3.0", goMod: true)?.Line);
        Assert.Null(positions.Sum("golang.org/x/text", "v0.3.1", goMod: false));
    }

    [Fact]
    public void A_go_mod_the_strict_parser_rejects_still_gives_require_lines()
    {
        // An unknown directive is what an older Go complains about; the positions must survive it.
        var goMod = Write("go.mod", "module example.com/app\n\ngo 1.22\n\nfrobnicate yes\n\nrequire example.com/dep v1.0.0\n");
        Assert.Equal(7, ProjectDiagnosticPositions.Load(goMod).Require("example.com/dep")?.Line);
    }

    [Fact]
    public void Missing_or_unreadable_files_give_no_positions()
    {
        var positions = ProjectDiagnosticPositions.Load(Path.Combine(_dir, "go.mod"));
        Assert.Null(positions.Require("example.com/dep"));
        Assert.Null(positions.Sum("example.com/dep", "v1.0.0", false));
        Assert.Null(positions.Directive("go"));
        Assert.Null(positions.Property("GoProxy"));
    }

    [Fact]
    public void Properties_and_items_are_found_only_where_the_project_writes_them()
    {
        var goMod = Write("go.mod", "module example.com/app\n");
        var goproj = Write("app.goproj", """
            <Project Sdk="GoDocker.Sdk/1.0.0">
              <PropertyGroup>
                <GoProxy>https://proxy.example</GoProxy>
              </PropertyGroup>
              <ItemGroup>
                <GoCaCertificate Include="certs/root.crt" />
              </ItemGroup>
            </Project>
            """);
        var positions = ProjectDiagnosticPositions.Load(goMod, ProjectFilePositions.Read(goproj));
        Assert.Equal((goproj, 3), (positions.Property("GoProxy")?.File, positions.Property("GoProxy")?.Line));
        Assert.Equal(6, positions.Property("GoCaCertificate")?.Line);
        Assert.Null(positions.Property("GoBaseImage"));
    }
}

public sealed class ReplacedModulePositionsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "godocker-replace-" + Guid.NewGuid().ToString("N"));

    public ReplacedModulePositionsTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_failing_fork_points_at_the_replace_line_that_brings_it_in()
    {
        var goMod = Path.Combine(_dir, "go.mod");
        File.WriteAllText(goMod, "module example.com/app\n\ngo 1.22\n\nrequire gopkg.in/yaml.v3 v3.0.1\n\nreplace gopkg.in/yaml.v3 => git.example.com/forks/yaml v3.0.2-fix\n\nreplace example.com/local => ../local\n");
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(
            "go: git.example.com/forks/yaml@v3.0.2-fix: reading https://proxy.golang.org/git.example.com/forks/yaml/@v/v3.0.2-fix.mod: 404 Not Found\n",
            ProjectDiagnosticPositions.Load(goMod)));
        Assert.Equal("GD6001", diagnostic.Code);
        Assert.Equal((goMod, 7, 1), (diagnostic.Location?.File, diagnostic.Location?.Line, diagnostic.Location?.Column));
    }
}
