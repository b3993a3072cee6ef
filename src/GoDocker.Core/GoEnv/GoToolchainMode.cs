namespace GoDocker.Core.GoEnv;

/// <summary>How the go command chooses a toolchain under a GOTOOLCHAIN setting.</summary>
public enum GoToolchainMode
{
    /// <summary>Always the minimum toolchain (the bundled one for <c>local</c>, else the named one); never switches.</summary>
    Local,

    /// <summary>Switches to a newer toolchain when go.mod/go.work asks, downloading it if not in PATH.</summary>
    Auto,

    /// <summary>Like auto, but only toolchains found in PATH; never downloads.</summary>
    Path,
}
