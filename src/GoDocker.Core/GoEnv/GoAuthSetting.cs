using System.Collections.Immutable;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.GoEnv;

/// <summary>How one GOAUTH entry gives credentials.</summary>
public enum GoAuthMethodKind
{
    /// <summary>No credentials at all; only valid as the whole value.</summary>
    Off,

    /// <summary>The netrc file ($NETRC, else $HOME/.netrc), by host.</summary>
    Netrc,

    /// <summary><c>git credential fill</c> run in a working directory, after a first 401.</summary>
    Git,

    /// <summary>Any other command, whose output maps URL prefixes to headers.</summary>
    Command,
}

/// <summary>One ';'-separated GOAUTH entry.</summary>
public sealed record GoAuthMethod(GoAuthMethodKind Kind, string Text, string? GitDirectory = null);

/// <summary>
/// GOAUTH as cmd/go/internal/auth (Go 1.24 and later) reads it: entries separated by ';', each trimmed and split into
/// words; the first word selects <c>off</c> (only alone), <c>netrc</c>, <c>git DIR</c> (DIR absolute) or a command.
/// An empty entry is an error. Unset means <c>netrc</c>. Go 1.23 and older ignore GOAUTH and always read netrc.
/// </summary>
public sealed record GoAuthSetting(string Raw, ImmutableArray<GoAuthMethod> Methods)
{
    public const string DefaultValue = "netrc";

    /// <summary>The first Go release that reads GOAUTH.</summary>
    public const string FirstGoVersion = "1.24";

    public static GoAuthSetting Default { get; } = new(DefaultValue, [new GoAuthMethod(GoAuthMethodKind.Netrc, "netrc")]);

    public bool IsOff => Methods.Any(m => m.Kind == GoAuthMethodKind.Off);

    /// <summary>Whether the go command adds netrc credentials to its HTTPS requests.</summary>
    public bool UsesNetrc => Methods.Any(m => m.Kind == GoAuthMethodKind.Netrc);

    /// <summary>Entries whose credentials only exist inside the build (git credential helpers, commands).</summary>
    public IEnumerable<GoAuthMethod> ExternalMethods => Methods.Where(m => m.Kind is GoAuthMethodKind.Git or GoAuthMethodKind.Command);

    public static SettingParseResult<GoAuthSetting> Parse(string? value, string variable = "GOAUTH")
    {
        var raw = string.IsNullOrEmpty(value) ? DefaultValue : value;
        SettingParseResult<GoAuthSetting> Fail(string message) =>
            SettingParseResult.Fail(Default with { Raw = raw }, new SettingError(DiagnosticCatalog.InvalidGoAuth, variable, raw, message));

        var entries = raw.Split(';');
        var methods = ImmutableArray.CreateBuilder<GoAuthMethod>();
        foreach (var entry in entries)
        {
            var command = entry.Trim();
            var words = command.Split([' ', '\t', '\n', '\r', '\v', '\f'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                return Fail("GOAUTH encountered an empty command");
            }
            switch (words[0])
            {
                case "off":
                    if (entries.Length != 1)
                    {
                        return Fail("GOAUTH=off cannot be combined with other authentication commands");
                    }
                    methods.Add(new GoAuthMethod(GoAuthMethodKind.Off, command));
                    break;
                case "netrc":
                    methods.Add(new GoAuthMethod(GoAuthMethodKind.Netrc, command));
                    break;
                case "git":
                    if (words.Length != 2)
                    {
                        return Fail("GOAUTH=git dir method requires an absolute path to the git working directory");
                    }
                    if (!words[1].StartsWith('/'))
                    {
                        return Fail("GOAUTH=git dir method requires an absolute path to the git working directory, dir is not absolute");
                    }
                    methods.Add(new GoAuthMethod(GoAuthMethodKind.Git, command, words[1]));
                    break;
                default:
                    methods.Add(new GoAuthMethod(GoAuthMethodKind.Command, command));
                    break;
            }
        }
        return SettingParseResult.Ok(new GoAuthSetting(raw, methods.ToImmutable()));
    }
}
