namespace GoDocker.Core.Diagnostics;

/// <summary>
/// What a diagnostic asks the user to change, declared with its code in the catalog. A probe that finds a problem
/// does not know the project's lines; the subject says which of the positions that travel with the probe applies.
/// </summary>
public enum DiagnosticSubject
{
    /// <summary>The setting that names the endpoint (GoProxy, GoSumDb, GoPrivate).</summary>
    Setting,

    /// <summary>The go.mod requirement of the module that was asked for.</summary>
    Module,

    /// <summary>The trusted CA certificates (GoCaCertificate).</summary>
    Trust,

    /// <summary>The build secret (GoBuildSecret).</summary>
    Secret,
}
