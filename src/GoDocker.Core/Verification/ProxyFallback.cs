namespace GoDocker.Core.Verification;

/// <summary>The separator after a GOPROXY entry, which decides when the go command tries the next one.</summary>
public enum ProxyFallback
{
    /// <summary>Last entry: nothing to fall through to.</summary>
    None,
    /// <summary><c>,</c>: fall through only on 404 or 410.</summary>
    OnNotFound,
    /// <summary><c>|</c>: fall through on any error, network errors included.</summary>
    OnAnyError,
}
