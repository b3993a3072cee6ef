namespace GoDocker.Core.ModuleZip;

/// <summary>A file on disk, described by lstat at listing time.</summary>
public sealed record DiskModuleFile(string Path, string FullPath, ModuleFileKind Kind, long Size) : IModuleFile
{
    public ValueTask<Stream> OpenAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<Stream>(new FileStream(FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920,
            FileOptions.Asynchronous | FileOptions.SequentialScan));

    /// <summary>Lstat of a path: symlinks are reported as links, not as what they point to.</summary>
    public static DiskModuleFile FromInfo(string slashPath, FileSystemInfo info)
    {
        var kind = info.LinkTarget is not null ? ModuleFileKind.Symlink
            : info is DirectoryInfo ? ModuleFileKind.Directory
            : IsRegular(info) ? ModuleFileKind.Regular
            : ModuleFileKind.Other;
        var size = info is FileInfo f && kind == ModuleFileKind.Regular ? f.Length : 0;
        return new DiskModuleFile(slashPath, info.FullName, kind, size);
    }

    // .NET cannot tell FIFOs or devices from files without P/Invoke; they are vanishingly rare in module trees.
    private static bool IsRegular(FileSystemInfo info) => info is FileInfo && (info.Attributes & FileAttributes.Device) == 0;
}
