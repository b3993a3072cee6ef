namespace GoDocker.Core.GoEnv;

/// <summary>Where a Go setting's value came from, highest precedence first.</summary>
public enum GoEnvSource
{
    /// <summary>A project property (.goproj), which overrides the environment.</summary>
    Project,

    /// <summary>The process environment.</summary>
    ProcessEnvironment,

    /// <summary>The <c>go env -w</c> file (GOENV, or $XDG_CONFIG_HOME/go/env, or ~/.config/go/env).</summary>
    UserEnvFile,

    /// <summary><c>$GOROOT/go.env</c>, the distribution's defaults (Go 1.21+).</summary>
    GorootEnvFile,

    /// <summary>GONOPROXY/GONOSUMDB taking GOPRIVATE's value because they are empty.</summary>
    GoPrivate,

    /// <summary>The go command's built-in default.</summary>
    Default,
}
