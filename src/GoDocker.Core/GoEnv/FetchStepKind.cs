namespace GoDocker.Core.GoEnv;

/// <summary>What the go command does at one step of a module fetch.</summary>
public enum FetchStepKind
{
    /// <summary>Asks a module proxy (GOPROXY protocol).</summary>
    Proxy,

    /// <summary>Goes to the module's origin: <c>https://&lt;path&gt;?go-get=1</c> discovery, then its version control host.</summary>
    Direct,

    /// <summary>GOPROXY=off: the lookup fails with "module lookup disabled by GOPROXY=off".</summary>
    Off,
}
