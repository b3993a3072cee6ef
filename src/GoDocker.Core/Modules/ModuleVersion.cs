namespace GoDocker.Core.Modules;

/// <summary>A module path and version pair (module.Version), both unescaped.</summary>
public sealed record ModuleVersion(string Path, string Version)
{
    public override string ToString() => Path + "@" + Version;

    /// <summary>module.Check: a valid path, a valid semantic version, and the two agree on the major version.
    /// Returns null when valid, else the go command's error text.</summary>
    public string? Check() => Check(Path, Version);

    public static string? Check(string path, string version)
    {
        var err = ModulePath.CheckPath(path);
        if (err is not null) return err;
        if (!SemVer.IsValid(version)) return ModuleErrors.ModuleInvalidVersion(path, version, "not a semantic version");
        var (_, pathMajor, _) = ModulePath.SplitPathVersion(path);
        var why = ModulePath.CheckPathMajorReason(version, pathMajor);
        return why is null ? null : ModuleErrors.ModuleInvalidVersion(path, version, why);
    }

    /// <summary>Parses "path@version"; null when there is no '@'.</summary>
    public static ModuleVersion? ParseOrNull(string text)
    {
        var at = text.LastIndexOf('@');
        return at <= 0 ? null : new ModuleVersion(text[..at], text[(at + 1)..]);
    }

    /// <summary>module.Sort order: by path, then by semantic version, then by any "/suffix" (as in "v1.0.0/go.mod").</summary>
    public static int CompareForSort(ModuleVersion a, ModuleVersion b)
    {
        if (a.Path != b.Path) return GoText.CompareUtf8(a.Path, b.Path);
        var (vi, fi) = SplitSuffix(a.Version);
        var (vj, fj) = SplitSuffix(b.Version);
        if (vi != vj) return SemVer.Compare(vi, vj);
        return GoText.CompareUtf8(fi, fj);
    }

    private static (string, string) SplitSuffix(string v)
    {
        var k = v.IndexOf('/');
        return k >= 0 ? (v[..k], v[k..]) : (v, "");
    }
}
