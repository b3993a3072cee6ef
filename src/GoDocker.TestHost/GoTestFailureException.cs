namespace GoDocker.TestHost;

/// <summary>
/// A failed Go test as the platform reports an exception: its message is the diagnostic, its stack trace the one
/// frame at the _test.go line, so dotnet test prints the file and line the way it does for a .NET test.
/// </summary>
internal sealed class GoTestFailureException(string message, string? stackTrace) : Exception(message)
{
    public override string? StackTrace => stackTrace;
}
