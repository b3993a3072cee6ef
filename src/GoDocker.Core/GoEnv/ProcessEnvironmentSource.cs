namespace GoDocker.Core.GoEnv;

/// <summary>The environment of the current process.</summary>
public sealed class ProcessEnvironmentSource : IEnvironmentSource
{
    public static ProcessEnvironmentSource Instance { get; } = new();

    public string? GetVariable(string name) => Environment.GetEnvironmentVariable(name);
}
