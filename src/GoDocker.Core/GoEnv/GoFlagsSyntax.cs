namespace GoDocker.Core.GoEnv;

/// <summary>How a go command splits GOFLAGS into words.</summary>
public enum GoFlagsSyntax
{
    /// <summary>Current go commands (cmd/internal/quoted.Split): words may be wrapped in '…' or "…".</summary>
    Quoted,

    /// <summary>Older go commands (Go 1.19 checked): plain white-space splitting, quotes are ordinary characters.</summary>
    Fields,
}
