namespace GoDocker.ProxyGateway.Cache;

/// <summary>
/// The largest .info, .mod and .zip the gateway accepts from an upstream, enforced while the bytes stream in.
/// <see cref="GoCommand"/> holds the go command's own limits (modfetch's MaxGoMod and MaxZipFile).
/// </summary>
public sealed record ModuleFileLimits(long Info, long Mod, long Zip)
{
    public static ModuleFileLimits GoCommand { get; } = new(Info: 64 << 10, Mod: 16 << 20, Zip: 500 << 20);
}
