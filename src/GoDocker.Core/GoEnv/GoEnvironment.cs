using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.GoEnv;

/// <summary>
/// The Go settings as the go command sees them, each with where it came from, parsed into their models, with
/// the errors the go command would report. Built by <see cref="GoEnvironmentReader"/>.
/// </summary>
public sealed record GoEnvironment
{
    /// <summary>Effective values by variable name (GOPROXY, GOSUMDB, GOPRIVATE, GONOPROXY, GONOSUMDB, GOINSECURE, GOFLAGS, GOTOOLCHAIN, …).</summary>
    public required IReadOnlyDictionary<string, GoEnvValue> Values { get; init; }

    /// <summary>The <c>go env -w</c> file consulted, or null (GOENV=off, or no config directory).</summary>
    public string? UserEnvFile { get; init; }

    /// <summary>Why there is no user env file, in cmd/go's words (e.g. "GOENV=off").</summary>
    public string? UserEnvFileError { get; init; }

    public string? GorootEnvFile { get; init; }

    public required GoProxyList Proxy { get; init; }

    public required GoSumDbSetting SumDb { get; init; }

    public required ModulePathPatterns Private { get; init; }

    public required ModulePathPatterns NoProxy { get; init; }

    public required ModulePathPatterns NoSumDb { get; init; }

    public required ModulePathPatterns Insecure { get; init; }

    public required GoFlags Flags { get; init; }

    public required GoToolchainSetting Toolchain { get; init; }

    /// <summary>GOAUTH: where the go command (1.24 and later) takes HTTPS credentials from.</summary>
    public GoAuthSetting Auth { get; init; } = GoAuthSetting.Default;

    /// <summary>HTTP_PROXY/HTTPS_PROXY/NO_PROXY from the process environment (the go command never reads them from env files).</summary>
    public required HttpProxySettings HttpProxy { get; init; }

    /// <summary>Settings errors (GD1001–GD1005), positioned at the env file line or project property when known.</summary>
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }

    /// <summary>What the go command would reject, by variable: a variable listed here holds its fallback value.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<SettingError>> Errors { get; init; } = new Dictionary<string, IReadOnlyList<SettingError>>();

    public GoEnvValue this[string name] => Values[name];

    /// <summary>For module <paramref name="modulePath"/>: the endpoints the go command contacts, in order, and the checksum database it consults.</summary>
    public ModuleFetchPlan PlanFetch(string modulePath) => ModuleFetchPlanner.Plan(this, modulePath);
}
