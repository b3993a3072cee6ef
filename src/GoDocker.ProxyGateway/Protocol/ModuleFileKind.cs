namespace GoDocker.ProxyGateway.Protocol;

/// <summary>The files of the GOPROXY protocol.</summary>
public enum ModuleFileKind
{
    List,
    Latest,
    Info,
    Mod,
    Zip,
}

public static class ModuleFileKindExtensions
{
    /// <summary>Immutable kinds are pinned forever once stored; list and @latest change over time.</summary>
    public static bool IsImmutable(this ModuleFileKind kind) => kind is ModuleFileKind.Info or ModuleFileKind.Mod or ModuleFileKind.Zip;

    public static string ContentType(this ModuleFileKind kind) => kind switch
    {
        ModuleFileKind.Zip => "application/zip",
        ModuleFileKind.Info or ModuleFileKind.Latest => "application/json",
        _ => "text/plain; charset=utf-8",
    };
}
