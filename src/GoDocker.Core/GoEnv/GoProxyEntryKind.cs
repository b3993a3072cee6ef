namespace GoDocker.Core.GoEnv;

/// <summary>What one GOPROXY list entry is.</summary>
public enum GoProxyEntryKind
{
    /// <summary>A module proxy URL (https, http or file).</summary>
    Proxy,

    /// <summary><c>direct</c>: the module's own version control host; ends the list.</summary>
    Direct,

    /// <summary><c>off</c>: downloads are refused; ends the list.</summary>
    Off,
}
