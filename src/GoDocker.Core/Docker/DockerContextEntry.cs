namespace GoDocker.Core.Docker;

/// <summary>A context's docker endpoint as the store holds it; <see cref="Problem"/> when it cannot be read.</summary>
public sealed record DockerContextEntry(string? Host, bool SkipTlsVerify, DockerTlsMaterial? Tls, string? Problem);
