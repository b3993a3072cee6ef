namespace GoDocker.Core.Operations;

/// <summary>One platform's image within a multi-platform publish: its platform (<c>linux/arm64</c>) and manifest digest.</summary>
public sealed record PublishedPlatform(string Platform, string Digest);
