using GoDocker.Core.Classification;
using GoDocker.Core.Modules;

namespace GoDocker.Core.Tests.Classification;

/// <summary>
/// A throwaway project folder with a go.mod and go.sum written for one test: the module under test is required on a
/// known line (after a filler requirement, so "first require line" bugs show), and summed on known go.sum lines.
/// </summary>
internal sealed class TestProject : IDisposable
{
    public const int GoLine = 3;
    public const int ToolchainLine = 5;
    public const int RequireLine = 9;
    public const int SumLine = 2;
    public const int SumGoModLine = 3;

    /// <param name="module">A module path, or path@version to record that version.</param>
    public TestProject(string? module)
    {
        Directory = Path.Combine(Path.GetTempPath(), "godocker-classify-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        var required = module?.Split('@')[0] ?? "example.com/other";
        var version = module?.Contains('@') == true ? module.Split('@')[1] : VersionFor(required);
        File.WriteAllText(GoMod, $"""
            module example.com/app

            go 1.22.4

            toolchain go1.22.4

            require (
            	example.com/filler v1.0.0
            	{required} {version}
            )

            """.Replace("\r\n", "\n"));
        File.WriteAllText(GoSum,
            "example.com/filler v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n" +
            $"{required} {version} h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=\n" +
            $"{required} {version}/go.mod h1:CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC=\n");
    }

    public string Directory { get; }
    public string GoMod => Path.Combine(Directory, "go.mod");
    public string GoSum => Path.Combine(Directory, "go.sum");

    public ProjectDiagnosticPositions Positions() => ProjectDiagnosticPositions.Load(GoMod);

    /// <summary>The version the sample names when it is valid for the path, else one the path's major version allows.</summary>
    public static string VersionFor(string path)
    {
        var (_, pathMajor, _) = ModulePath.SplitPathVersion(path);
        var major = pathMajor.TrimStart('/', '.');
        return major.Length > 1 ? major + ".0.0" : "v1.0.0";
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
