namespace GoDocker.Core.Projects;

/// <summary>
/// A BuildKit secret (GoBuildSecret item): its id, and where its value comes from on the host.
/// The value itself is never held here, so it cannot reach a log or a Dockerfile.
/// </summary>
/// <param name="Id">The BuildKit secret id (the item's Include).</param>
/// <param name="File">A host file holding the secret (netrc or token forms).</param>
/// <param name="Env">A host environment variable holding the secret (netrc or token forms).</param>
/// <param name="Kind">How the build uses it.</param>
/// <param name="Host">The private Git host the token or SSH key is for (token and ssh forms).</param>
/// <param name="User">The user name sent with a token (default <c>oauth2</c>, which GitHub and GitLab accept), or the
/// SSH login user (default <c>git</c>, as GitHub, GitLab, Gitea and Bitbucket use).</param>
/// <param name="KnownHosts">A known_hosts file with the SSH host keys of <paramref name="Host"/> (ssh form).</param>
public sealed record GoBuildSecret(
    string Id,
    string? File,
    string? Env,
    GoBuildSecretKind Kind = GoBuildSecretKind.Netrc,
    string? Host = null,
    string? User = null,
    string? KnownHosts = null)
{
    public const string DefaultTokenUser = "oauth2";
    public const string DefaultSshUser = "git";

    /// <summary><see cref="Host"/> without its port.</summary>
    public string? HostName => Host is { } host && host.LastIndexOf(':') is var colon and > 0 ? host[..colon] : Host;

    /// <summary>The port <see cref="Host"/> names, if any (the check allows only digits after the colon).</summary>
    public int? HostPort => Host is { } host && host.LastIndexOf(':') is var colon and > 0
        && int.TryParse(host.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
        ? port : null;

    /// <summary>
    /// The secret's text as the build gets it, from <see cref="File"/> or <see cref="Env"/>; null when it cannot be
    /// read. Read on demand by the host-side checks (verify, the classifier) and never kept or logged.
    /// </summary>
    public string? ReadValue()
    {
        try
        {
            return File is not null ? System.IO.File.ReadAllText(File) : Env is not null ? Environment.GetEnvironmentVariable(Env) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The user in the rewritten Git URL: the configured one, or the form's default.</summary>
    public string GitUser => User ?? (Kind == GoBuildSecretKind.Ssh ? DefaultSshUser : DefaultTokenUser);

    /// <summary>
    /// Where BuildKit mounts the secret inside a RUN step. A netrc is not put at ~/.netrc: the build user's HOME
    /// differs between images (/ without a passwd entry), so NETRC names this path instead.
    /// </summary>
    public string MountTarget => "/run/secrets/" + Id;
}

/// <summary>How the secret is used inside the build.</summary>
public enum GoBuildSecretKind
{
    /// <summary>A .netrc file, named by NETRC for the go command's HTTPS fetches and read by git's credential helper.</summary>
    Netrc,

    /// <summary>A token, turned into a git url.insteadOf rewrite inside the RUN step only.</summary>
    Token,

    /// <summary>SSH agent forwarding (--mount=type=ssh).</summary>
    Ssh,
}
