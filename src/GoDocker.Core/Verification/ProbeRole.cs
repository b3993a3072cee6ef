namespace GoDocker.Core.Verification;

/// <summary>What a probe asks an endpoint, following the step of the module fetch it stands for.</summary>
public enum ProbeRole
{
    /// <summary>A GOPROXY entry that is a URL: <c>/&lt;module&gt;/@v/list</c>.</summary>
    GoProxy,
    /// <summary>The GOPROXY entry <c>direct</c> (or GOPRIVATE): the module's origin, <c>?go-get=1</c>.</summary>
    Direct,
    /// <summary>The GOPROXY entry <c>off</c>: the go command stops with "module lookup disabled".</summary>
    Off,
    /// <summary>The checksum database named by GOSUMDB: <c>/lookup/&lt;module&gt;@&lt;version&gt;</c>.</summary>
    ChecksumDb,
}
