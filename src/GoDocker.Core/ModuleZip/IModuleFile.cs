namespace GoDocker.Core.ModuleZip;

/// <summary>A file offered for a module zip (x/mod's zip.File): a clean slash path relative to the module root,
/// its kind and declared size (as Lstat reports them, not following links), and its content.</summary>
public interface IModuleFile
{
    string Path { get; }

    ModuleFileKind Kind { get; }

    /// <summary>Declared size in bytes; negative values are treated as too large, as Go does.</summary>
    long Size { get; }

    ValueTask<Stream> OpenAsync(CancellationToken cancellationToken);
}
