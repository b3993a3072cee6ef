namespace GoDocker.Core.GoEnv;

/// <summary>How the go command may reach the checksum database.</summary>
public enum ChecksumDbAccessKind
{
    /// <summary>Through a GOPROXY entry that answers 200 to <c>/sumdb/&lt;name&gt;/supported</c>.</summary>
    ViaProxy,

    /// <summary>Directly at <c>https://&lt;name&gt;</c>, when no proxy serves it (404/410, '|' errors, or direct/off reached).</summary>
    Direct,

    /// <summary>The URL given in GOSUMDB after the key; proxies are bypassed.</summary>
    Explicit,
}
