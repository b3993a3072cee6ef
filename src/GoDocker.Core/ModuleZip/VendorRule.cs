using GoDocker.Core.Modules;

namespace GoDocker.Core.ModuleZip;

/// <summary>
/// Whether a file belongs to a vendored package and is left out of module zips. Go 1.24 fixed the nested
/// "/vendor/" offset and dropped vendor/modules.txt; older go lines keep the old rule so checksums stay stable.
/// </summary>
public static class VendorRule
{
    /// <param name="name">Slash path relative to the module root.</param>
    /// <param name="goVersion">The root go.mod's language version as "go1.N", or "" when unknown.</param>
    public static bool IsVendoredPackage(string name, string goVersion)
    {
        var go124 = CompareGo(goVersion, "go1.24") >= 0;
        if (go124 && name == "vendor/modules.txt") return true;
        int i;
        if (name.StartsWith("vendor/", StringComparison.Ordinal))
        {
            i = "vendor/".Length;
        }
        else
        {
            var j = name.IndexOf("/vendor/", StringComparison.Ordinal);
            if (j < 0) return false;
            // Before 1.24 the offset ignored j (golang.org/issue/37397); fixing it would change old checksums.
            i = go124 ? j + "/vendor/".Length : "/vendor/".Length;
        }
        return name.AsSpan(i).Contains('/');
    }

    // go/version.Compare: "go"-prefixed versions; anything invalid sorts first.
    private static int CompareGo(string x, string y) => GoVersion.Compare(StripGo(x), StripGo(y));

    private static string StripGo(string v)
    {
        var dash = v.IndexOf('-');
        if (dash >= 0) v = v[..dash]; // "go1.24-bigcorp"
        return v.StartsWith("go", StringComparison.Ordinal) ? v[2..] : "";
    }
}
