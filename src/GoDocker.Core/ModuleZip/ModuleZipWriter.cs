using System.IO.Compression;
using GoDocker.Core.Modules;

namespace GoDocker.Core.ModuleZip;

/// <summary>
/// Writes module zips the go command accepts (zip.Create, zip.CreateFromDir): entries "path@version/file",
/// only valid files, each streamed and held to its declared size.
/// </summary>
public static class ModuleZipWriter
{
    // A fixed timestamp keeps zips reproducible; the go command ignores it.
    private static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>zip.Create: checks the module version and files, then writes the zip to output.</summary>
    /// <exception cref="ModuleZipException">"create zip: ..." with the go command's reason.</exception>
    public static async Task CreateAsync(Stream output, ModuleVersion module, IReadOnlyList<IModuleFile> files,
        CancellationToken cancellationToken = default)
    {
        try
        {
            await CreateCoreAsync(output, module, files, cancellationToken).ConfigureAwait(false);
        }
        catch (ModuleException e)
        {
            throw new ModuleZipException("create zip: " + e.Message, (e as ModuleZipException)?.CheckedFiles, e);
        }
        catch (IOException e)
        {
            throw new ModuleZipException("create zip: " + e.Message, null, e);
        }
    }

    /// <summary>zip.CreateFromDir: lists dir like the go command (no VCS dirs, nested modules, vendored packages
    /// or symlinks) and writes the zip.</summary>
    public static async Task CreateFromDirAsync(Stream output, ModuleVersion module, string dir, CancellationToken cancellationToken = default)
    {
        List<IModuleFile> files;
        try
        {
            (files, _) = await ModuleDirectory.ListAsync(dir, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new ModuleZipException($"create zip from directory {dir}: {e.Message}", null, e);
        }
        try
        {
            await CreateCoreAsync(output, module, files, cancellationToken).ConfigureAwait(false);
        }
        catch (ModuleException e)
        {
            throw new ModuleZipException($"create zip {dir}: {e.Message}", (e as ModuleZipException)?.CheckedFiles, e);
        }
        catch (IOException e)
        {
            throw new ModuleZipException($"create zip {dir}: {e.Message}", null, e);
        }
    }

    /// <summary>The "path@version/" prefix of every entry, after the checks Create makes on the module version.</summary>
    /// <exception cref="InvalidModuleVersionException">The version is not canonical or does not fit the path.</exception>
    public static string CheckedPrefix(ModuleVersion module)
    {
        var canonical = ModulePath.CanonicalVersion(module.Version);
        if (canonical != module.Version)
            throw new InvalidModuleVersionException($"version {GoText.Quote(module.Version)} is not canonical (should be {GoText.Quote(canonical)})");
        var err = module.Check();
        if (err is not null) throw new InvalidModuleVersionException(err);
        return module.Path + "@" + module.Version + "/";
    }

    /// <summary>Checks files and returns those that go into the zip, or throws with the go command's report.</summary>
    internal static async Task<List<IModuleFile>> ValidFilesAsync(IReadOnlyList<IModuleFile> files, CancellationToken cancellationToken)
    {
        var (cf, validFiles) = await ModuleFileChecker.CheckCoreAsync(files, cancellationToken).ConfigureAwait(false);
        var error = cf.Error;
        if (error is not null) throw new ModuleZipException(error, cf);
        return validFiles;
    }

    private static async Task CreateCoreAsync(Stream output, ModuleVersion module, IReadOnlyList<IModuleFile> files, CancellationToken cancellationToken)
    {
        var prefix = CheckedPrefix(module);
        var validFiles = await ValidFilesAsync(files, cancellationToken).ConfigureAwait(false);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var buffer = new byte[81920];
        foreach (var f in validFiles)
        {
            var entry = zip.CreateEntry(prefix + f.Path, CompressionLevel.Optimal);
            entry.LastWriteTime = EntryTime;
            var input = await f.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (input.ConfigureAwait(false))
            {
                var target = entry.Open();
                await using (target.ConfigureAwait(false))
                {
                    long copied = 0;
                    int n;
                    // Read at most size+1 bytes: one byte more than declared proves the file grew.
                    while (copied <= f.Size && (n = await input.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, f.Size + 1 - copied)), cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        copied += n;
                        if (copied > f.Size) throw new ModuleZipException($"file {GoText.Quote(f.Path)} is larger than declared size");
                        await target.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
    }
}
