namespace GoDocker.Cli;

/// <summary>The command line asks for something that cannot be (a missing --project): exit code 2, not a diagnostic.</summary>
internal sealed class UsageException(string message) : Exception(message);
