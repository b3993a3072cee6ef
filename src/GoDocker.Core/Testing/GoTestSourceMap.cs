using System.Text.RegularExpressions;

namespace GoDocker.Core.Testing;

/// <summary>
/// Where a Go test's files are on the host: the module's import path maps a package to its folder, and the
/// container's source root (<c>/src</c>, the Docker context) maps a stack frame's path back to the project's files.
/// </summary>
public sealed partial class GoTestSourceMap
{
    public GoTestSourceMap(string moduleDirectory, string modulePath, string contextDirectory, string containerRoot = Dockerfiles.DockerfileInputs.SourceRoot)
    {
        ModuleDirectory = Path.GetFullPath(moduleDirectory);
        ModulePath = modulePath;
        ContextDirectory = Path.GetFullPath(contextDirectory);
        ContainerRoot = containerRoot.TrimEnd('/');
    }

    public string ModuleDirectory { get; }
    public string ModulePath { get; }
    public string ContextDirectory { get; }
    public string ContainerRoot { get; }

    /// <summary>The module path of a go.mod's text (its <c>module</c> line), or "" when it has none.</summary>
    public static string ReadModulePath(string goModText)
    {
        var m = ModuleLineRegex().Match(goModText);
        return m.Success ? m.Groups["path"].Value : "";
    }

    /// <summary>The host folder of a package of the main module, or null for a package of another module.</summary>
    public string? PackageDirectory(string package)
    {
        if (package == ModulePath)
        {
            return ModuleDirectory;
        }
        if (ModulePath.Length > 0 && package.StartsWith(ModulePath + "/", StringComparison.Ordinal))
        {
            return Path.Combine(ModuleDirectory, package[(ModulePath.Length + 1)..]);
        }
        return null;
    }

    /// <summary>
    /// A path as go printed it: absolute in the container (a stack frame), relative to the module (the compiler), or a
    /// bare file name relative to its package (t.Errorf's <c>x_test.go:12</c>).
    /// </summary>
    public string ToHost(string path, string? package = null)
    {
        if (path == ContainerRoot || path.StartsWith(ContainerRoot + "/", StringComparison.Ordinal))
        {
            return Path.GetFullPath(Path.Combine(ContextDirectory, path[ContainerRoot.Length..].TrimStart('/')));
        }
        if (Path.IsPathRooted(path))
        {
            return path;
        }
        var baseDirectory = package is not null && !path.Contains('/', StringComparison.Ordinal) ? PackageDirectory(package) ?? ModuleDirectory : ModuleDirectory;
        return Path.GetFullPath(Path.Combine(baseDirectory, path));
    }

    /// <summary>The line of <c>func TestName(</c> in the package's _test.go files, for a test that printed no line.</summary>
    public (string File, int Line)? FindDeclaration(string package, string function)
    {
        var directory = PackageDirectory(package);
        if (directory is null || !Directory.Exists(directory))
        {
            return null;
        }
        var declaration = new Regex(@"^func\s+" + Regex.Escape(function) + @"\s*\(");
        foreach (var file in Directory.EnumerateFiles(directory, "*_test.go").Order(StringComparer.Ordinal))
        {
            var number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                if (declaration.IsMatch(line))
                {
                    return (file, number);
                }
            }
        }
        return null;
    }

    [GeneratedRegex(@"^\s*module\s+""?(?<path>[^""\s/][^""\s]*)""?", RegexOptions.Multiline)]
    private static partial Regex ModuleLineRegex();
}
