namespace GoDocker.Core.Images;

/// <summary>A user name and secret for one registry, and where they were read (named in diagnostics; never the secret).</summary>
public sealed record RegistryCredentials(string UserName, string Secret, string Source)
{
    public override string ToString() => $"{UserName} (from {Source})";
}
