using GoDocker.Core.Diagnostics;
using GoDocker.Core.Modules;
using GoDocker.Core.ModuleZip;

namespace GoDocker.Core.Hashing;

/// <summary>
/// What <c>godocker hash</c> computes: the go.sum h1 hash of a module zip, of a module directory (hashed as the
/// zip the go command would make from it) or of a go.mod file (the "/go.mod" line).
/// </summary>
public static class ModuleHasher
{
    /// <param name="path">A .zip file, a module directory, or a go.mod file.</param>
    /// <param name="module">path@version; required for a directory, since every hashed name starts with it.</param>
    /// <exception cref="DiagnosticException">GD2030 (invalid zip or tree), GD2031 (bad path@version),
    /// GD2032 (directory without module), GD1014 (no such file).</exception>
    public static async Task<string> HashAsync(string path, ModuleVersion? module, CancellationToken cancellationToken = default)
    {
        var location = SourceLocation.Of(path);
        try
        {
            if (Directory.Exists(path))
            {
                if (module is null) throw new DiagnosticException(DiagnosticCatalog.HashNeedsModule.Create(location, path));
                return await HashModuleDirectoryAsync(path, module, cancellationToken).ConfigureAwait(false);
            }
            if (!File.Exists(path)) throw new DiagnosticException(DiagnosticCatalog.InvalidCommandLineValue.Create(location, "path", path, "no such file or directory"));
            if (await IsZipAsync(path, cancellationToken).ConfigureAwait(false))
            {
                if (module is not null)
                {
                    // The go command rejects zips whose entries do not fit the module; say so instead of hashing them.
                    var error = ModuleZipReader.CheckZip(module, path).Error;
                    if (error is not null) throw new ModuleZipException(error);
                }
                return await DirHash.HashZipAsync(path, cancellationToken).ConfigureAwait(false);
            }
            var goMod = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
            await using (goMod.ConfigureAwait(false))
            {
                return await DirHash.HashGoModAsync(goMod, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ModuleException e)
        {
            var descriptor = IsVersionProblem(e) ? DiagnosticCatalog.InvalidModulePathVersion : DiagnosticCatalog.InvalidModuleZip;
            throw new DiagnosticException(descriptor.Create(location, e.Message), e);
        }
    }

    /// <summary>The h1 hash of the zip Create would make from dir, without writing the zip.</summary>
    /// <exception cref="ModuleZipException">The tree or the module version breaks the zip rules ("create zip dir: ...").</exception>
    public static async Task<string> HashModuleDirectoryAsync(string dir, ModuleVersion module, CancellationToken cancellationToken = default)
    {
        string prefix;
        List<IModuleFile> valid;
        try
        {
            prefix = ModuleZipWriter.CheckedPrefix(module);
            var (files, _) = await ModuleDirectory.ListAsync(dir, cancellationToken).ConfigureAwait(false);
            valid = await ModuleZipWriter.ValidFilesAsync(files, cancellationToken).ConfigureAwait(false);
        }
        catch (ModuleException e)
        {
            throw new ModuleZipException($"create zip {dir}: {e.Message}", (e as ModuleZipException)?.CheckedFiles, e);
        }
        var byName = valid.ToDictionary(f => prefix + f.Path, StringComparer.Ordinal);
        return await DirHash.Hash1Async(byName.Keys, (name, ct) => byName[name].OpenAsync(ct), cancellationToken).ConfigureAwait(false);
    }

    private static bool IsVersionProblem(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is InvalidModuleVersionException) return true;
        }
        return false;
    }

    private static async Task<bool> IsZipAsync(string path, CancellationToken cancellationToken)
    {
        var header = new byte[4];
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 16, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            var n = await stream.ReadAtLeastAsync(header, 4, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            // Local file header, or the end record of an empty zip.
            return n == 4 && header[0] == 'P' && header[1] == 'K' && ((header[2] == 3 && header[3] == 4) || (header[2] == 5 && header[3] == 6));
        }
    }
}
