namespace GoDocker.Core.GoEnv;

/// <summary>
/// Whether the go command consults a checksum database for a module, and how it gets there.
/// <see cref="Error"/> is set when GOSUMDB is invalid: the go command fails when it verifies the module.
/// </summary>
public sealed record ChecksumDbPlan(bool IsConsulted, string? Name, IReadOnlyList<ChecksumDbAccess> Accesses, string Why, string? Error = null)
{
    public static ChecksumDbPlan NotConsulted(string why) => new(false, null, Array.Empty<ChecksumDbAccess>(), why);
}
