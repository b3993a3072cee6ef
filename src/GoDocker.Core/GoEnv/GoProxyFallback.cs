namespace GoDocker.Core.GoEnv;

/// <summary>When the go command moves on from a GOPROXY entry to the next one.</summary>
public enum GoProxyFallback
{
    /// <summary>Entry followed by ',': only a "not found" answer (404 or 410) moves on.</summary>
    OnNotFound,

    /// <summary>Entry followed by '|': any error (timeouts, 5xx, TLS failures) moves on.</summary>
    OnAnyError,
}
