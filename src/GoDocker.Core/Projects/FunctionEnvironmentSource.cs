using GoDocker.Core.GoEnv;

namespace GoDocker.Core.Projects;

/// <summary>An environment read through a function, such as the tool's <see cref="System.Environment.GetEnvironmentVariable(string)"/>.</summary>
internal sealed class FunctionEnvironmentSource(Func<string, string?> getEnv) : IEnvironmentSource
{
    public string? GetVariable(string name) => getEnv(name);
}
