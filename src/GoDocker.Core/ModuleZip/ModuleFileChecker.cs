using GoDocker.Core.Modules;

namespace GoDocker.Core.ModuleZip;

/// <summary>
/// Sorts a list of module files into valid, omitted and invalid by the x/mod zip rules (zip.CheckFiles):
/// clean relative paths, vendored packages and nested modules left out, go.mod only at the root in lower case,
/// no case-fold collisions, regular files only, and the size limits.
/// </summary>
public static class ModuleFileChecker
{
    internal const string ErrPathNotClean = "file path is not clean";
    internal const string ErrPathNotRelative = "file path is not relative";
    internal const string ErrGoModCase = "go.mod files must have lowercase names";
    internal const string ErrVcs = "directory is a version control repository";
    internal const string ErrVendored = "file is in vendor directory";
    internal const string ErrSubmoduleFile = "file is in another module";
    internal const string ErrSubmoduleDir = "directory is in another module";
    internal const string ErrHgArchivalTxt = "file is inserted by 'hg archive' and is always omitted";
    internal const string ErrSymlink = "file is a symbolic link";
    internal const string ErrNotRegular = "not a regular file";
    internal static readonly string ErrGoModSize = $"go.mod file too large (max size is {ModuleZipLimits.MaxGoMod} bytes)";
    internal static readonly string ErrLicenseSize = $"LICENSE file too large (max size is {ModuleZipLimits.MaxLicense} bytes)";

    /// <summary>zip.CheckFiles. Opens only the root go.mod (for its go line); never throws for bad files.</summary>
    public static async Task<CheckedFiles> CheckFilesAsync(IReadOnlyList<IModuleFile> files, CancellationToken cancellationToken = default)
    {
        var (checkedFiles, _) = await CheckCoreAsync(files, cancellationToken).ConfigureAwait(false);
        return checkedFiles;
    }

    /// <summary>Reads the root go.mod's language version ("go1.N" or "").</summary>
    internal static async Task<string> RootGoVersionAsync(IModuleFile goMod, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await goMod.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                // Bounded read: an oversized go.mod is reported as invalid later, its go line does not matter then.
                var buffer = new MemoryStream();
                var chunk = new byte[81920];
                int n;
                while ((n = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    buffer.Write(chunk, 0, n);
                    if (buffer.Length > ModuleZipLimits.MaxGoMod) return "";
                }
                return GoModGoLine.LanguageVersion(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            }
        }
        catch (IOException)
        {
            return "";
        }
    }

    internal static async Task<(CheckedFiles Checked, List<IModuleFile> ValidFiles)> CheckCoreAsync(
        IReadOnlyList<IModuleFile> files, CancellationToken cancellationToken)
    {
        var valid = new List<string>();
        var validFiles = new List<IModuleFile>();
        var omitted = new List<FileError>();
        var invalid = new List<FileError>();
        string? sizeError = null;
        var errPaths = new HashSet<string>(StringComparer.Ordinal);

        void AddError(string path, bool isOmitted, string error)
        {
            if (!errPaths.Add(path)) return;
            (isOmitted ? omitted : invalid).Add(new FileError(path, error));
        }

        // Directories holding a go.mod (other than the root) are other modules; their files stay out.
        var haveGoMod = new HashSet<string>(StringComparer.Ordinal);
        var goVersion = "";
        foreach (var f in files)
        {
            var (dir, name) = SlashPath.Split(f.Path);
            if (!string.Equals(name, "go.mod", StringComparison.OrdinalIgnoreCase) || f.Kind != ModuleFileKind.Regular) continue;
            haveGoMod.Add(dir);
            if (name == "go.mod" && dir.Length == 0) goVersion = await RootGoVersionAsync(f, cancellationToken).ConfigureAwait(false);
        }

        bool InSubmodule(string p)
        {
            while (true)
            {
                var (dir, _) = SlashPath.Split(p);
                if (dir.Length == 0) return false;
                if (haveGoMod.Contains(dir)) return true;
                p = dir[..^1];
            }
        }

        var collisions = new CaseFoldCollisions();
        var maxSize = ModuleZipLimits.MaxZipFile;
        foreach (var f in files)
        {
            var p = f.Path;
            if (p != SlashPath.Clean(p))
            {
                AddError(p, false, ErrPathNotClean);
                continue;
            }
            if (p.StartsWith('/'))
            {
                AddError(p, false, ErrPathNotRelative);
                continue;
            }
            if (VendorRule.IsVendoredPackage(p, goVersion))
            {
                AddError(p, true, ErrVendored);
                continue;
            }
            if (InSubmodule(p))
            {
                AddError(p, true, ErrSubmoduleFile);
                continue;
            }
            if (p == ".hg_archival.txt")
            {
                // hg archive inserts it; the go command drops it whatever the VCS.
                AddError(p, true, ErrHgArchivalTxt);
                continue;
            }
            var pathError = ModulePath.CheckFilePath(p);
            if (pathError is not null)
            {
                AddError(p, false, pathError);
                continue;
            }
            if (p.ToLowerInvariant() == "go.mod" && p != "go.mod")
            {
                AddError(p, false, ErrGoModCase);
                continue;
            }
            var collision = collisions.Check(p, f.Kind == ModuleFileKind.Directory);
            if (collision is not null)
            {
                AddError(p, false, collision);
                continue;
            }
            if (f.Kind == ModuleFileKind.Symlink)
            {
                AddError(p, true, ErrSymlink); // golang.org/issue/27093
                continue;
            }
            if (f.Kind != ModuleFileKind.Regular)
            {
                AddError(p, true, ErrNotRegular);
                continue;
            }
            var size = f.Size;
            if (size >= 0 && size <= maxSize) maxSize -= size;
            else sizeError ??= $"module source tree too large (max size is {ModuleZipLimits.MaxZipFile} bytes)";
            if (p == "go.mod" && size > ModuleZipLimits.MaxGoMod)
            {
                AddError(p, false, ErrGoModSize);
                continue;
            }
            if (p == "LICENSE" && size > ModuleZipLimits.MaxLicense)
            {
                AddError(p, false, ErrLicenseSize);
                continue;
            }
            valid.Add(p);
            validFiles.Add(f);
        }
        return (new CheckedFiles(valid, omitted, invalid, sizeError), validFiles);
    }
}
