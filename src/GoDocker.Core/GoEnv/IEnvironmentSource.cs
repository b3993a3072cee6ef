namespace GoDocker.Core.GoEnv;

/// <summary>Where environment variables come from; injected so that nothing reads the machine's real environment by accident.</summary>
public interface IEnvironmentSource
{
    /// <summary>The value, or null when the variable is not set.</summary>
    string? GetVariable(string name);
}
