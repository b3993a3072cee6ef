namespace GoDocker.Cli;

/// <summary>The exit codes every command shares, which scripts rely on (documented in docs/cli.md).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Errors = 1;
    public const int Usage = 2;
}
