using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.GoEnv;

/// <summary>
/// Reads the Go settings exactly as cmd/go/internal/cfg does: a non-empty process variable wins; otherwise the
/// <c>go env -w</c> file; otherwise <c>$GOROOT/go.env</c> (which never overrides the user file); otherwise the
/// built-in default. GONOPROXY and GONOSUMDB default to GOPRIVATE only when they end up empty.
/// Project overrides (from a .goproj) sit above all of these.
/// </summary>
public static class GoEnvironmentReader
{
    /// <summary>The module-related variables the go command reads through its env cache, and their defaults.</summary>
    public static IReadOnlyDictionary<string, string> Defaults { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["GOPROXY"] = GoProxyList.DefaultValue,
        ["GOSUMDB"] = GoSumDbSetting.DefaultValue,
        ["GOPRIVATE"] = string.Empty,
        ["GONOPROXY"] = string.Empty,
        ["GONOSUMDB"] = string.Empty,
        ["GOINSECURE"] = string.Empty,
        ["GOFLAGS"] = string.Empty,
        ["GOTOOLCHAIN"] = GoToolchainSetting.DefaultValue,
        ["GOVCS"] = string.Empty,
        ["GOAUTH"] = GoAuthSetting.DefaultValue,
        ["GO111MODULE"] = string.Empty,
    };

    public static GoEnvironment Read(IEnvironmentSource environment, ITextFileSource files, GoEnvironmentReaderOptions? options = null)
    {
        options ??= new GoEnvironmentReaderOptions();
        var diagnostics = new List<Diagnostic>();

        var (envFile, envFileError) = UserEnvFile(environment, options.HostOs);
        var cache = new Dictionary<string, (string Value, GoEnvSource Source, SourceLocation Location)>(StringComparer.Ordinal);
        if (envFile is not null && files.TryReadAllText(envFile) is { } userText)
        {
            ReadEnvFile(userText, envFile, GoEnvSource.UserEnvFile, cache);
        }

        var goroot = cache.TryGetValue("GOROOT", out var fileGoroot) && fileGoroot.Value.Length > 0
            ? fileGoroot.Value
            : NonEmpty(environment.GetVariable("GOROOT")) ?? options.DefaultGoRoot;
        string? gorootEnvFile = null;
        if (!string.IsNullOrEmpty(goroot))
        {
            gorootEnvFile = Path.Join(goroot, "go.env");
            if (files.TryReadAllText(gorootEnvFile) is { } gorootText)
            {
                ReadEnvFile(gorootText, gorootEnvFile, GoEnvSource.GorootEnvFile, cache);
            }
        }

        var values = new Dictionary<string, GoEnvValue>(StringComparer.Ordinal);
        GoEnvValue Lookup(string name, string fallback, GoEnvSource fallbackSource = GoEnvSource.Default)
        {
            if (options.Overrides.TryGetValue(name, out var project) && project.Value.Length > 0)
            {
                return new GoEnvValue(name, project.Value, GoEnvSource.Project, project.Location);
            }
            if (NonEmpty(environment.GetVariable(name)) is { } process)
            {
                return new GoEnvValue(name, process, GoEnvSource.ProcessEnvironment);
            }
            if (cache.TryGetValue(name, out var cached) && cached.Value.Length > 0)
            {
                return new GoEnvValue(name, cached.Value, cached.Source, cached.Location);
            }
            return new GoEnvValue(name, fallback, fallbackSource);
        }

        foreach (var (name, fallback) in Defaults)
        {
            if (name is "GONOPROXY" or "GONOSUMDB")
            {
                continue;
            }
            values[name] = Lookup(name, fallback);
        }
        var goprivate = values["GOPRIVATE"];
        foreach (var name in new[] { "GONOPROXY", "GONOSUMDB" })
        {
            values[name] = Lookup(name, goprivate.Value, goprivate.Value.Length > 0 ? GoEnvSource.GoPrivate : GoEnvSource.Default);
            if (values[name].Source == GoEnvSource.GoPrivate)
            {
                values[name] = values[name] with { Location = goprivate.Location };
            }
        }
        values["GOENV"] = new GoEnvValue("GOENV", envFile ?? (environment.GetVariable("GOENV") ?? string.Empty),
            NonEmpty(environment.GetVariable("GOENV")) is null ? GoEnvSource.Default : GoEnvSource.ProcessEnvironment);
        if (!string.IsNullOrEmpty(goroot))
        {
            values["GOROOT"] = new GoEnvValue("GOROOT", goroot,
                fileGoroot.Value is { Length: > 0 } ? GoEnvSource.UserEnvFile
                : NonEmpty(environment.GetVariable("GOROOT")) is not null ? GoEnvSource.ProcessEnvironment : GoEnvSource.Default,
                fileGoroot.Value is { Length: > 0 } ? fileGoroot.Location : null);
        }

        var errors = new Dictionary<string, IReadOnlyList<SettingError>>(StringComparer.Ordinal);
        T Parse<T>(string name, Func<string, SettingParseResult<T>> parse)
        {
            var value = values[name];
            var result = parse(value.Value);
            diagnostics.AddRange(result.ToDiagnostics(value.Location));
            if (!result.IsValid)
            {
                errors[name] = result.Errors;
            }
            return result.Value;
        }

        var proxy = Parse("GOPROXY", v => GoProxyList.Parse(v));
        var sumdb = Parse("GOSUMDB", v => GoSumDbSetting.Parse(v));
        var goPrivate = Parse("GOPRIVATE", v => ModulePathPatterns.Parse(v, "GOPRIVATE"));
        // Patterns inherited from GOPRIVATE were already reported under GOPRIVATE.
        var noProxy = values["GONOPROXY"].Source == GoEnvSource.GoPrivate ? goPrivate : Parse("GONOPROXY", v => ModulePathPatterns.Parse(v, "GONOPROXY"));
        var noSumDb = values["GONOSUMDB"].Source == GoEnvSource.GoPrivate ? goPrivate : Parse("GONOSUMDB", v => ModulePathPatterns.Parse(v, "GONOSUMDB"));
        var insecure = Parse("GOINSECURE", v => ModulePathPatterns.Parse(v, "GOINSECURE"));
        var flags = Parse("GOFLAGS", v => GoFlags.Parse(v, options.GoFlagsSyntax));
        var toolchain = Parse("GOTOOLCHAIN", v => GoToolchainSetting.Parse(v));
        var auth = Parse("GOAUTH", v => GoAuthSetting.Parse(v));

        return new GoEnvironment
        {
            Values = values,
            UserEnvFile = envFile,
            UserEnvFileError = envFileError,
            GorootEnvFile = gorootEnvFile,
            Proxy = proxy,
            SumDb = sumdb,
            Private = goPrivate,
            NoProxy = noProxy,
            NoSumDb = noSumDb,
            Insecure = insecure,
            Flags = flags,
            Toolchain = toolchain,
            Auth = auth,
            HttpProxy = HttpProxySettings.FromEnvironment(environment),
            Diagnostics = diagnostics,
            Errors = errors,
        };
    }

    /// <summary>cfg.EnvFile: GOENV if set ("off" disables the file), else the user config directory's go/env.</summary>
    public static (string? Path, string? Error) UserEnvFile(IEnvironmentSource environment, string hostOs)
    {
        if (NonEmpty(environment.GetVariable("GOENV")) is { } goenv)
        {
            return goenv == "off" ? (null, "GOENV=off") : (goenv, null);
        }
        var (dir, error) = UserConfigDir(environment, hostOs);
        if (dir is null)
        {
            return (null, error);
        }
        return (dir + "/go/env", null);
    }

    // os.UserConfigDir for the three families of systems.
    private static (string? Dir, string? Error) UserConfigDir(IEnvironmentSource environment, string hostOs)
    {
        switch (hostOs)
        {
            case "windows":
                return NonEmpty(environment.GetVariable("AppData")) is { } appData
                    ? (appData.Replace('\\', '/'), null)
                    : (null, "%AppData% is not defined");
            case "darwin":
                return NonEmpty(environment.GetVariable("HOME")) is { } macHome
                    ? (macHome + "/Library/Application Support", null)
                    : (null, "$HOME is not defined");
            default:
                if (NonEmpty(environment.GetVariable("XDG_CONFIG_HOME")) is { } xdg)
                {
                    return xdg.StartsWith('/') ? (xdg, null) : (null, "path in $XDG_CONFIG_HOME is relative");
                }
                return NonEmpty(environment.GetVariable("HOME")) is { } home
                    ? (home + "/.config", null)
                    : (null, "neither $XDG_CONFIG_HOME nor $HOME are defined");
        }
    }

    // cfg.readEnvFile: KEY=VALUE lines whose first byte is A–Z; everything else is ignored. Later lines win;
    // go.env never overrides what the user file set.
    private static void ReadEnvFile(string text, string file, GoEnvSource source,
        Dictionary<string, (string Value, GoEnvSource Source, SourceLocation Location)> cache)
    {
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            var eq = line.IndexOf('=');
            if (eq < 0 || line.Length == 0 || line[0] < 'A' || line[0] > 'Z')
            {
                continue;
            }
            var key = line[..eq];
            var value = line[(eq + 1)..];
            if (source == GoEnvSource.GorootEnvFile && cache.ContainsKey(key))
            {
                continue;
            }
            cache[key] = (value, source, new SourceLocation(file, lineNumber, eq + 2, lineNumber, line.Length + 1));
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
