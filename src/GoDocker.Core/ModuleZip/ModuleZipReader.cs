using System.IO.Compression;
using GoDocker.Core.Modules;

namespace GoDocker.Core.ModuleZip;

/// <summary>Checks and extracts module zips by the go command's rules (zip.CheckZip, zip.Unzip).</summary>
public static class ModuleZipReader
{
    /// <summary>zip.CheckZip. Entry problems land in the report; a bad module version, an oversized zip file or
    /// an unreadable zip throw.</summary>
    /// <exception cref="InvalidModuleVersionException">The module path or version is invalid.</exception>
    /// <exception cref="ModuleZipException">The zip is too large or cannot be read.</exception>
    public static CheckedFiles CheckZip(ModuleVersion module, string zipPath)
    {
        using var opened = Open(module, zipPath, out var cf);
        return cf;
    }

    /// <summary>zip.Unzip into an empty or missing directory; files are made read-only as the module cache does.</summary>
    /// <exception cref="ModuleZipException">"unzip &lt;zip&gt;: ..." with the go command's reason.</exception>
    public static async Task UnzipAsync(string dir, ModuleVersion module, string zipPath, CancellationToken cancellationToken = default)
    {
        try
        {
            await UnzipCoreAsync(dir, module, zipPath, cancellationToken).ConfigureAwait(false);
        }
        catch (ModuleException e)
        {
            throw new ModuleZipException($"unzip {zipPath}: {e.Message}", (e as ModuleZipException)?.CheckedFiles, e);
        }
        catch (IOException e)
        {
            throw new ModuleZipException($"unzip {zipPath}: {e.Message}", null, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ModuleZipException($"unzip {zipPath}: {e.Message}", null, e);
        }
    }

    private static async Task UnzipCoreAsync(string dir, ModuleVersion module, string zipPath, CancellationToken cancellationToken)
    {
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
            throw new ModuleZipException($"target directory {dir} exists and is not empty");
        using var zip = Open(module, zipPath, out var cf);
        var error = cf.Error;
        if (error is not null) throw new ModuleZipException(error, cf);
        var prefix = module.Path + "@" + module.Version + "/";
        Directory.CreateDirectory(dir);
        var buffer = new byte[81920];
        foreach (var entry in zip.Entries)
        {
            var name = entry.FullName[prefix.Length..];
            if (name.Length == 0 || name.EndsWith('/')) continue;
            var dst = Path.Join(dir, name.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(dst)!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            var output = new FileStream(dst, options);
            await using (output.ConfigureAwait(false))
            {
                var input = entry.Open();
                await using (input.ConfigureAwait(false))
                {
                    long copied = 0;
                    int n;
                    while ((n = await ReadLenientAsync(input, buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        copied += n;
                        if (copied > entry.Length)
                            throw new ModuleZipException($"uncompressed size of file {entry.FullName} is larger than declared size ({entry.Length} bytes)");
                        await output.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
    }

    // .NET refuses to read past a wrong declared size with InvalidDataException; Go reports the size itself.
    private static async Task<int> ReadLenientAsync(Stream input, byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            throw new ModuleZipException(e.Message, null, e);
        }
    }

    private static ZipArchive Open(ModuleVersion module, string zipPath, out CheckedFiles cf)
    {
        var prefix = ModuleZipWriter.CheckedPrefix(module);
        var zipSize = new FileInfo(zipPath).Length;
        if (zipSize > ModuleZipLimits.MaxZipFile)
        {
            throw new ModuleZipException($"module zip file is too large ({zipSize} bytes; limit is {ModuleZipLimits.MaxZipFile} bytes)",
                new CheckedFiles([], [], [], $"module zip file is too large ({zipSize} bytes; limit is {ModuleZipLimits.MaxZipFile} bytes)"));
        }
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(zipPath);
        }
        catch (InvalidDataException e)
        {
            throw new ModuleZipException("zip: not a valid zip file", null, e);
        }
        try
        {
            cf = Check(zip, prefix);
            return zip;
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    private static CheckedFiles Check(ZipArchive zip, string prefix)
    {
        var valid = new List<string>();
        var invalid = new List<FileError>();
        string? sizeError = null;
        var collisions = new CaseFoldCollisions();
        long size = 0;
        foreach (var entry in zip.Entries)
        {
            var full = entry.FullName;
            if (!full.StartsWith(prefix, StringComparison.Ordinal))
            {
                invalid.Add(new FileError(full, $"path does not have prefix {GoText.Quote(prefix)}"));
                continue;
            }
            var name = full[prefix.Length..];
            if (name.Length == 0) continue;
            var isDir = name.EndsWith('/');
            if (isDir) name = name[..^1];
            if (SlashPath.Clean(name) != name)
            {
                invalid.Add(new FileError(full, ModuleFileChecker.ErrPathNotClean));
                continue;
            }
            var pathError = ModulePath.CheckFilePath(name);
            if (pathError is not null)
            {
                invalid.Add(new FileError(full, pathError));
                continue;
            }
            var collision = collisions.Check(name, isDir);
            if (collision is not null)
            {
                invalid.Add(new FileError(full, collision));
                continue;
            }
            if (isDir) continue;
            var baseName = SlashPath.Base(name);
            if (string.Equals(baseName, "go.mod", StringComparison.OrdinalIgnoreCase))
            {
                if (baseName != name)
                {
                    invalid.Add(new FileError(full, "go.mod file not in module root directory"));
                    continue;
                }
                if (name != "go.mod")
                {
                    invalid.Add(new FileError(full, ModuleFileChecker.ErrGoModCase));
                    continue;
                }
            }
            var sz = entry.Length;
            if (sz >= 0 && ModuleZipLimits.MaxZipFile - size >= sz) size += sz;
            else sizeError ??= $"total uncompressed size of module contents too large (max size is {ModuleZipLimits.MaxZipFile} bytes)";
            if (name == "go.mod" && sz > ModuleZipLimits.MaxGoMod)
            {
                invalid.Add(new FileError(full, ModuleFileChecker.ErrGoModSize));
                continue;
            }
            if (name == "LICENSE" && sz > ModuleZipLimits.MaxLicense)
            {
                invalid.Add(new FileError(full, ModuleFileChecker.ErrLicenseSize));
                continue;
            }
            valid.Add(full);
        }
        return new CheckedFiles(valid, [], invalid, sizeError);
    }
}
