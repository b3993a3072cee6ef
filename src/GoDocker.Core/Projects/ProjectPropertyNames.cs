namespace GoDocker.Core.Projects;

/// <summary>The public names of .goproj properties and items (PRODUCT.md section 2).</summary>
public static class ProjectPropertyNames
{
    public const string GoProxy = nameof(GoProxy);
    public const string GoSumDb = nameof(GoSumDb);
    public const string GoPrivate = nameof(GoPrivate);
    public const string GoNoProxy = nameof(GoNoProxy);
    public const string GoNoSumDb = nameof(GoNoSumDb);
    public const string GoInsecure = nameof(GoInsecure);
    public const string GoFlags = nameof(GoFlags);
    public const string GoToolchain = nameof(GoToolchain);
    public const string GoModFile = nameof(GoModFile);
    public const string GoBaseImage = nameof(GoBaseImage);
    public const string GoRuntimeImage = nameof(GoRuntimeImage);
    public const string GoMainPackage = nameof(GoMainPackage);
    public const string GoDockerfileSyntax = nameof(GoDockerfileSyntax);
    public const string GoDockerNetwork = nameof(GoDockerNetwork);
    public const string GoDockerContext = nameof(GoDockerContext);
    public const string GoDownload = nameof(GoDownload);
    public const string GoVerify = nameof(GoVerify);
    public const string GoVerifyTimeout = nameof(GoVerifyTimeout);
    public const string GoBuildFlags = nameof(GoBuildFlags);
    public const string GoLdflags = nameof(GoLdflags);
    public const string GoCgoEnabled = nameof(GoCgoEnabled);
    public const string GoPlatforms = nameof(GoPlatforms);
    public const string GoCaCertificate = nameof(GoCaCertificate);
    public const string GoBuildSecret = nameof(GoBuildSecret);

    /// <summary>The properties whose values become Go environment variables, with the variable names.</summary>
    public static IReadOnlyList<(string Property, string Variable)> GoEnvironmentProperties { get; } =
    [
        (GoProxy, "GOPROXY"),
        (GoSumDb, "GOSUMDB"),
        (GoPrivate, "GOPRIVATE"),
        (GoNoProxy, "GONOPROXY"),
        (GoNoSumDb, "GONOSUMDB"),
        (GoInsecure, "GOINSECURE"),
        (GoFlags, "GOFLAGS"),
        (GoToolchain, "GOTOOLCHAIN"),
    ];
}
