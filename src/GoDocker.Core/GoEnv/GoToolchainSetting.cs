using GoDocker.Core.Diagnostics;
using GoDocker.Core.Modules;

namespace GoDocker.Core.GoEnv;

/// <summary>
/// A GOTOOLCHAIN value as cmd/go/internal/toolchain.Select reads it: <c>local</c>, <c>auto</c>, <c>path</c>,
/// a toolchain name such as <c>go1.22.3</c>, or <c>&lt;name|local&gt;+auto</c> / <c>+path</c>.
/// Unset means <c>auto</c> (the value of the official $GOROOT/go.env). Go 1.20 and older ignore it.
/// </summary>
public sealed record GoToolchainSetting(string Raw, GoToolchainMode Mode, string? MinimumToolchain, string? MinimumVersion)
{
    public const string DefaultValue = "auto";

    /// <summary>The module through which the go command downloads toolchains (v0.0.1-goVERSION.GOOS-GOARCH).</summary>
    public const string ToolchainModulePath = "golang.org/toolchain";

    public static GoToolchainSetting Default { get; } = new(DefaultValue, GoToolchainMode.Auto, null, null);

    /// <summary>True when the minimum is the go command's own toolchain rather than a named one.</summary>
    public bool IsLocalMinimum => MinimumToolchain is null;

    /// <summary>True when the go command may download a toolchain module (golang.org/toolchain) through GOPROXY.</summary>
    public bool MayDownload => Mode == GoToolchainMode.Auto || (Mode == GoToolchainMode.Local && MinimumToolchain is not null);

    public static SettingParseResult<GoToolchainSetting> Parse(string? value, string variable = "GOTOOLCHAIN")
    {
        var raw = string.IsNullOrEmpty(value) ? DefaultValue : value;
        SettingParseResult<GoToolchainSetting> Fail(string message) =>
            SettingParseResult.Fail(Default with { Raw = raw }, new SettingError(DiagnosticCatalog.InvalidGoToolchain, variable, raw, message));

        if (raw == "auto")
        {
            return SettingParseResult.Ok(new GoToolchainSetting(raw, GoToolchainMode.Auto, null, null));
        }
        if (raw == "path")
        {
            return SettingParseResult.Ok(new GoToolchainSetting(raw, GoToolchainMode.Path, null, null));
        }

        var plus = raw.IndexOf('+');
        var min = plus >= 0 ? raw[..plus] : raw;
        var suffix = plus >= 0 ? raw[(plus + 1)..] : string.Empty;
        string? minToolchain = null;
        string? minVersion = null;
        if (min != "local")
        {
            minVersion = GoVersion.FromToolchain(min);
            if (minVersion is null)
            {
                return Fail(plus >= 0
                    ? $"invalid GOTOOLCHAIN {GoText.Quote(raw)}: invalid minimum toolchain {GoText.Quote(min)}"
                    : $"invalid GOTOOLCHAIN {GoText.Quote(raw)}");
            }
            minToolchain = min;
        }
        if (plus >= 0 && suffix != "auto" && suffix != "path")
        {
            return Fail($"invalid GOTOOLCHAIN {GoText.Quote(raw)}: only version suffixes are +auto and +path");
        }
        // Select's last sanity check before it looks the toolchain up: only go1… or …-go1… names.
        if (minToolchain is not null && !minToolchain.StartsWith("go1", StringComparison.Ordinal) && !minToolchain.Contains("-go1", StringComparison.Ordinal))
        {
            return Fail($"invalid GOTOOLCHAIN {GoText.Quote(minToolchain)}");
        }
        var mode = suffix switch
        {
            "auto" => GoToolchainMode.Auto,
            "path" => GoToolchainMode.Path,
            _ => GoToolchainMode.Local,
        };
        return SettingParseResult.Ok(new GoToolchainSetting(raw, mode, minToolchain, minVersion));
    }

    public override string ToString() => Raw;
}
