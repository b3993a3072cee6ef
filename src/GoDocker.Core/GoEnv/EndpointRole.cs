namespace GoDocker.Core.GoEnv;

/// <summary>Why the go command would contact an endpoint.</summary>
public enum EndpointRole
{
    /// <summary>A GOPROXY entry.</summary>
    ModuleProxy,

    /// <summary>A module's origin reached through GOPROXY's <c>direct</c> entry (after the proxies before it).</summary>
    DirectVcsHost,

    /// <summary>The origin of a module matching GONOPROXY/GOPRIVATE: the only place it is fetched from.</summary>
    PrivateVcsHost,

    /// <summary>A proxy's <c>/sumdb/&lt;name&gt;/supported</c> check: the proxy may serve the checksum database.</summary>
    ChecksumDatabaseViaProxy,

    /// <summary>The checksum database itself (https://&lt;name&gt;, or the URL given in GOSUMDB).</summary>
    ChecksumDatabase,
}
