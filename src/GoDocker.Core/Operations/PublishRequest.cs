namespace GoDocker.Core.Operations;

/// <summary>What publish needs beyond the project model: values the front end evaluates, and the environment.</summary>
public sealed record PublishRequest
{
    /// <summary>The project's Version: the default tag and the version label.</summary>
    public string? Version { get; init; }

    /// <summary>SOURCE_DATE_EPOCH as the build's environment has it.</summary>
    public string? SourceDateEpoch { get; init; }

    /// <summary>The gateway the build starts when the project asks for one (GoDockerStartProxy).</summary>
    public string? GatewayAssembly { get; init; }

    public Func<string, string?> GetEnvironment { get; init; } = Environment.GetEnvironmentVariable;

    public static PublishRequest FromEnvironment(string? version, string? gatewayAssembly) => new()
    {
        Version = version,
        SourceDateEpoch = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"),
        GatewayAssembly = gatewayAssembly,
    };
}
