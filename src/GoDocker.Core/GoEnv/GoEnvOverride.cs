using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.GoEnv;

/// <summary>A value given by the project (for example the GoProxy property) with the position of its definition.</summary>
public sealed record GoEnvOverride(string Value, SourceLocation? Location = null);
