using GoDocker.Core.Modules;

namespace GoDocker.Core.ModuleZip;

/// <summary>
/// Lists a module's directory as zip.CreateFromDir does: a lexical walk that does not follow symlinks, leaving out
/// VCS directories, nested modules, vendored packages and irregular files.
/// </summary>
public static class ModuleDirectory
{
    private static readonly string[] VcsDirectories = [".bzr", ".git", ".hg", ".svn"];

    /// <summary>Files to offer to the checker, plus what the walk itself left out (slash paths).</summary>
    public static async Task<(List<IModuleFile> Files, List<FileError> Omitted)> ListAsync(string dir, CancellationToken cancellationToken = default)
    {
        var root = Path.GetFullPath(dir);
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"lstat {dir}: no such file or directory");
        var goVersion = "";
        var rootGoMod = Path.Combine(root, "go.mod");
        if (File.Exists(rootGoMod))
        {
            goVersion = await ModuleFileChecker.RootGoVersionAsync(
                DiskModuleFile.FromInfo("go.mod", new FileInfo(rootGoMod)), cancellationToken).ConfigureAwait(false);
        }
        var files = new List<IModuleFile>();
        var omitted = new List<FileError>();
        Walk(new DirectoryInfo(root), "", goVersion, files, omitted, cancellationToken);
        return (files, omitted);
    }

    private static void Walk(DirectoryInfo dir, string slashDir, string goVersion, List<IModuleFile> files, List<FileError> omitted,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entries = dir.EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false })
            .OrderBy(e => e.Name, Comparer<string>.Create(GoText.CompareUtf8))
            .ToList();
        foreach (var entry in entries)
        {
            var slashPath = slashDir.Length == 0 ? entry.Name : slashDir + "/" + entry.Name;
            var isSymlink = entry.LinkTarget is not null;
            // Checked before anything else (directories too) so Create and CreateFromDir agree.
            if (VendorRule.IsVendoredPackage(slashPath, goVersion))
            {
                omitted.Add(new FileError(slashPath, ModuleFileChecker.ErrVendored));
                if (entry is DirectoryInfo vendoredDir && !isSymlink) Walk(vendoredDir, slashPath, goVersion, files, omitted, cancellationToken);
                continue;
            }
            if (entry is DirectoryInfo sub && !isSymlink)
            {
                if (VcsDirectories.Contains(entry.Name))
                {
                    omitted.Add(new FileError(slashPath, ModuleFileChecker.ErrVcs));
                    continue;
                }
                var goMod = new FileInfo(Path.Combine(sub.FullName, "go.mod"));
                // Lstat semantics: any non-directory named go.mod (a symlink included) marks another module.
                if (goMod.Exists || goMod.LinkTarget is not null)
                {
                    omitted.Add(new FileError(slashPath, ModuleFileChecker.ErrSubmoduleDir));
                    continue;
                }
                Walk(sub, slashPath, goVersion, files, omitted, cancellationToken);
                continue;
            }
            var file = DiskModuleFile.FromInfo(slashPath, entry);
            if (file.Kind != ModuleFileKind.Regular)
            {
                omitted.Add(new FileError(slashPath, ModuleFileChecker.ErrNotRegular));
                continue;
            }
            files.Add(file);
        }
    }

    /// <summary>zip.CheckDir: the checker's report with paths joined to dir (OS separators), walk omissions appended.</summary>
    public static async Task<CheckedFiles> CheckAsync(string dir, CancellationToken cancellationToken = default)
    {
        var (files, walkOmitted) = await ListAsync(dir, cancellationToken).ConfigureAwait(false);
        var cf = await ModuleFileChecker.CheckFilesAsync(files, cancellationToken).ConfigureAwait(false);
        string Join(string p) => Path.Join(dir, p.Replace('/', Path.DirectorySeparatorChar));
        return new CheckedFiles(
            cf.Valid.Select(Join).ToList(),
            cf.Omitted.Concat(walkOmitted).Select(e => e with { Path = Join(e.Path) }).ToList(),
            cf.Invalid.Select(e => e with { Path = Join(e.Path) }).ToList(),
            cf.SizeError);
    }
}
