namespace GoDocker.Cli;

/// <summary>The exit codes every command shares (PRODUCT.md section 4).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Errors = 1;
    public const int Usage = 2;
}
