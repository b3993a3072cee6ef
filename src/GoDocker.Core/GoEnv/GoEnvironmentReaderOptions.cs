namespace GoDocker.Core.GoEnv;

/// <summary>What the reader cannot learn from the environment alone.</summary>
public sealed record GoEnvironmentReaderOptions
{
    /// <summary>The GOROOT to use when neither the env file nor the environment sets one (e.g. from the go binary's location).</summary>
    public string? DefaultGoRoot { get; init; }

    /// <summary>The operating system whose config-directory rules apply: "linux", "darwin" or "windows". Default: this machine's.</summary>
    public string HostOs { get; init; } = OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "darwin" : "linux";

    /// <summary>How the target go command splits GOFLAGS.</summary>
    public GoFlagsSyntax GoFlagsSyntax { get; init; } = GoFlagsSyntax.Quoted;

    /// <summary>Project properties that override the environment, by variable name (GOPROXY, GOPRIVATE, …). Empty values are ignored.</summary>
    public IReadOnlyDictionary<string, GoEnvOverride> Overrides { get; init; } = new Dictionary<string, GoEnvOverride>();
}
