namespace GoDocker.Core.GoEnv;

/// <summary>
/// One step of a module fetch. <see cref="Url"/> is the first request: for a proxy <c>&lt;proxy&gt;/&lt;escaped path&gt;/@v/list</c>;
/// for direct the <c>?go-get=1</c> discovery URL. <see cref="Fallback"/> says when the go command moves on to the next step.
/// </summary>
public sealed record FetchStep(FetchStepKind Kind, string Url, string Host, GoProxyFallback Fallback, bool InsecureAllowed, string Why)
{
    /// <summary>For direct steps on well-known hosts, the repository the go command clones without discovery.</summary>
    public string? RepositoryUrl { get; init; }

    public override string ToString() => $"{Kind} {Url}";
}
