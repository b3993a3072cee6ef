namespace GoDocker.Core.Verification;

/// <summary>Why the go command would contact an endpoint.</summary>
public enum EndpointRole
{
    /// <summary>A GOPROXY entry that is a URL.</summary>
    GoProxy,
    /// <summary>The GOPROXY entry <c>direct</c>: the module's own VCS host.</summary>
    Direct,
    /// <summary>The checksum database named by GOSUMDB.</summary>
    ChecksumDb,
}
