using GoDocker.Core.Hashing;

namespace GoDocker.ProxyGateway.Cache;

/// <summary>Computes the go.sum <c>h1:</c> hashes of module files before they become visible.</summary>
public interface IModuleFileHasher
{
    Task<string> HashZipAsync(string zipPath, CancellationToken cancellationToken);

    Task<string> HashGoModAsync(byte[] goMod, CancellationToken cancellationToken);
}

/// <summary>The go command's own hashes, from GoDocker.Core.Hashing.</summary>
public sealed class GoSumHasher : IModuleFileHasher
{
    public static GoSumHasher Instance { get; } = new();

    public Task<string> HashZipAsync(string zipPath, CancellationToken cancellationToken) => DirHash.HashZipAsync(zipPath, cancellationToken);

    public Task<string> HashGoModAsync(byte[] goMod, CancellationToken cancellationToken) => DirHash.HashGoModAsync(goMod, cancellationToken);
}
