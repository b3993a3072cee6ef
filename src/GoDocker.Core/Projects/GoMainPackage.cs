using System.Text.RegularExpressions;

namespace GoDocker.Core.Projects;

/// <summary>
/// GoMainPackage: the package <c>go build</c> compiles, a relative path inside the module (<c>.</c>,
/// <c>./cmd/server</c>) or an import path. Restricted to the characters Go package paths use in practice.
/// </summary>
public static partial class GoMainPackage
{
    public const string Default = ".";

    public static bool IsValid(string value, out string error)
    {
        error = "";
        if (value.Length > 512)
        {
            error = "it is longer than 512 characters";
            return false;
        }
        if (!PackageRegex().IsMatch(value))
        {
            error = "use '.', a relative path such as './cmd/server', or an import path; only letters, digits and '.', '_', '-', '~', '+', '/' are allowed";
            return false;
        }
        if (value.StartsWith("..", StringComparison.Ordinal) || value.Contains("/../", StringComparison.Ordinal) || value.EndsWith("/..", StringComparison.Ordinal))
        {
            error = "it points outside the module";
            return false;
        }
        if (value.StartsWith('/'))
        {
            error = "use a path relative to the go.mod folder";
            return false;
        }
        if (value.StartsWith('-'))
        {
            error = "it would be read as a flag";
            return false;
        }
        return true;
    }

    [GeneratedRegex(@"^[A-Za-z0-9._~+\-][A-Za-z0-9._~+\-/]*$")]
    private static partial Regex PackageRegex();
}
