using System.Reflection;

namespace GoDocker.Core;

/// <summary>The product's version, as every front end and the Dockerfile header state it (all assemblies share it).</summary>
public static class ProductVersion
{
    /// <summary>The informational version without build metadata, such as 0.1.0 or 0.1.0-e2e.1.</summary>
    public static string Current { get; } =
        (typeof(ProductVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0")
        .Split('+')[0];
}
