namespace GoDocker.Core.Verification;

/// <summary>How an endpoint answered, in the terms the go command's fall-through rules use.</summary>
public enum EndpointStatus
{
    /// <summary>It answered 200: the go command would download from it.</summary>
    Ok,
    /// <summary>404 or 410: the go command falls through under ',' and '|'.</summary>
    NotFound,
    /// <summary>Any other HTTP answer: falls through only under '|'.</summary>
    Failed,
    /// <summary>No HTTP answer at all (DNS, TCP, CONNECT or TLS failed): falls through only under '|'.</summary>
    Unreachable,
}
