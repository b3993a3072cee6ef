using System.Runtime.InteropServices;

namespace GoDocker.Core.BuildGateways;

/// <summary>
/// The program that runs a build's gateway. Beside the gateway assembly, the SDK package carries the same gateway
/// compiled ahead of time for linux-x64 (<see cref="NativeFolder"/>): it listens in ~40 ms instead of ~180 ms and
/// spends no CPU compiling code while the build's download runs (build/bench/README.md, cold path). Elsewhere, or
/// where that binary cannot run, the assembly runs on the dotnet host.
/// </summary>
public sealed record BuildGatewayProgram(string FileName, IReadOnlyList<string> LeadingArguments, bool IsNative)
{
    /// <summary>The folder beside the gateway assembly that holds the ahead-of-time compiled gateway.</summary>
    public const string NativeFolder = "linux-x64";

    public const string NativeFileName = "GoDocker.ProxyGateway";

    /// <summary>The gateway assembly on the dotnet host running this process (MSBuild's or the tool's).</summary>
    public static BuildGatewayProgram Portable(string gatewayAssembly) => new(DotnetHost(), [gatewayAssembly], IsNative: false);

    /// <summary>The native gateway beside <paramref name="gatewayAssembly"/>, when this machine could run it; else null.</summary>
    public static BuildGatewayProgram? Native(string gatewayAssembly)
    {
        ArgumentNullException.ThrowIfNull(gatewayAssembly);
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64
            || Path.GetDirectoryName(Path.GetFullPath(gatewayAssembly)) is not { } folder)
        {
            return null;
        }

        var path = Path.Combine(folder, NativeFolder, NativeFileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            // NuGet does not keep file modes when it extracts a package.
            var mode = File.GetUnixFileMode(path);
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return new BuildGatewayProgram(path, [], IsNative: true);
    }

    /// <summary>The dotnet host running this process (MSBuild's or the tool's), so the gateway runs on the same .NET.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";
}
