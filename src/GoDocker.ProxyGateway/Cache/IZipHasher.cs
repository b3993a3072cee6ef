namespace GoDocker.ProxyGateway.Cache;

/// <summary>Computes the go.sum <c>h1:</c> hash of a module zip (GoDocker.Core.Hashing plugs in here).</summary>
public interface IZipHasher
{
    Task<string> HashZipAsync(string zipPath, CancellationToken cancellationToken);
}
