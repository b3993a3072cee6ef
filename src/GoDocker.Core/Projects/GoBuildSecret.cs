namespace GoDocker.Core.Projects;

/// <summary>
/// A BuildKit secret (GoBuildSecret item): its id, and where its value comes from on the host.
/// The value itself is never held here, so it cannot reach a log or a Dockerfile.
/// </summary>
public sealed record GoBuildSecret(string Id, string? File, string? Env, GoBuildSecretKind Kind = GoBuildSecretKind.Netrc, string? Host = null);

/// <summary>How the secret is used inside the build.</summary>
public enum GoBuildSecretKind
{
    /// <summary>A .netrc file, mounted at /root/.netrc for the go command's HTTPS fetches.</summary>
    Netrc,

    /// <summary>A token, turned into a git url.insteadOf rewrite inside the RUN step only.</summary>
    Token,

    /// <summary>SSH agent forwarding (--mount=type=ssh).</summary>
    Ssh,
}
