namespace GoDocker.Core.ModuleZip;

/// <summary>Size limits the go command enforces on module zips (x/mod/zip).</summary>
public static class ModuleZipLimits
{
    /// <summary>Maximum size of a module zip and of its extracted content (500 MiB).</summary>
    public const long MaxZipFile = 500L << 20;

    /// <summary>Maximum size of the root go.mod (16 MiB).</summary>
    public const long MaxGoMod = 16L << 20;

    /// <summary>Maximum size of the root LICENSE (16 MiB).</summary>
    public const long MaxLicense = 16L << 20;
}
