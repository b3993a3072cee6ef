using System.Text.Json;
using GoDocker.Core.GoMod;
using ModuleZipReader = GoDocker.Core.ModuleZip.ModuleZipReader;
using GoDocker.Core.Modules;
using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Protocol;

namespace GoDocker.ProxyGateway.Serving;

/// <summary>
/// The go command's checks of a downloaded module file, made before it is pinned so that nothing it would reject
/// is ever cached: a .info is JSON naming the requested version, a .mod parses (laxly, as for dependencies) and
/// declares the requested module, a .zip is a valid module zip. Returns the go.sum h1 of a .mod or .zip.
/// </summary>
/// <exception cref="InvalidDataException">The file fails a check; the message says which.</exception>
public sealed class ModuleFileVerifier(IModuleFileHasher hasher)
{
    public async Task<string?> VerifyAsync(ModuleRequest request, HashedTempFile file, CancellationToken cancellationToken)
    {
        switch (request.Kind)
        {
            // .info and .mod are small (ModuleFileLimits) and just written: kept in memory when at most 16 KiB, else
            // read synchronously (an async read on Linux is a thread-pool hop per call), and read once.
            case ModuleFileKind.Info:
                CheckInfo(request, file.Bytes ?? File.ReadAllBytes(file.Path));
                return null;
            case ModuleFileKind.Mod:
                var goMod = file.Bytes ?? File.ReadAllBytes(file.Path);
                CheckGoMod(request, file.Path, goMod);
                return await hasher.HashGoModAsync(goMod, cancellationToken);
            default:
                CheckZip(request, file.Path);
                return await hasher.HashZipAsync(file.Path, cancellationToken);
        }
    }

    /// <summary>modfetch's proxyRepo.Stat: valid JSON, and for a canonical version exactly that version.</summary>
    private static void CheckInfo(ModuleRequest request, byte[] data)
    {
        string? version;
        try
        {
            using var json = JsonDocument.Parse(data);
            version = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("Version", out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString()
                : throw new InvalidDataException(".info is not a JSON object with a Version string");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($".info is not JSON: {e.Message}");
        }

        if (version != request.Version && request.Version == SemVer.Canonical(request.Version))
        {
            throw new InvalidDataException($".info names version {version} instead of the requested {request.Version}");
        }
    }

    private static void CheckGoMod(ModuleRequest request, string path, byte[] data)
    {
        var mod = GoModFile.TryParse(path, data, out var diagnostics, strict: false)
            ?? throw new InvalidDataException($"go.mod does not parse: {diagnostics.FirstOrDefault()?.Message}");
        if (mod.Module?.Mod.Path is { } declared && declared != request.ModulePath)
        {
            throw new InvalidDataException($"go.mod declares module {declared}, not {request.ModulePath}");
        }

        if (mod.Module is null)
        {
            throw new InvalidDataException("go.mod has no module directive");
        }
    }

    private static void CheckZip(ModuleRequest request, string path)
    {
        try
        {
            var files = ModuleZipReader.CheckZip(new ModuleVersion(request.ModulePath, request.Version ?? ""), path);
            if (!files.IsValid)
            {
                throw new InvalidDataException($"not a valid module zip: {files.Error}");
            }
        }
        catch (ModuleException e)
        {
            throw new InvalidDataException($"not a valid module zip: {e.Message}", e);
        }
    }
}
