using System.Collections.Immutable;
using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Projects;

/// <summary>
/// Reads GoEnvironmentVariable items (Include the variable, Value its value) into the variables the build stages get
/// as ENV, and reports each one that cannot go there at its item's line: a name the go command does not read (GD1049,
/// or GD1051 when it looks like a known one), one the SDK writes from a property (GD1050), a value the go command
/// would reject (GD1049), a credential (GD7001/GD7002), and settings that quietly break module downloads (GD1051).
/// </summary>
public static partial class GoEnvironmentVariableItems
{
    /// <summary>Variables the SDK writes itself, with what to use instead.</summary>
    public static IReadOnlyDictionary<string, string> Owned { get; } = OwnedVariables();

    /// <summary>The variables of `go help environment` (Go 1.19 to 1.26) that a build may set.</summary>
    public static IReadOnlySet<string> Known { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "GCCGO", "GO111MODULE", "GOBIN", "GOCACHEPROG", "GODEBUG", "GOEXPERIMENT", "GOFIPS140", "GOTELEMETRY",
        "GOTELEMETRYDIR", "GOTMPDIR", "GOVCS", "GOWORK", "GOPATH",
        "AR", "CC", "CXX", "FC", "PKG_CONFIG", "GCCGOTOOLDIR", "GO_EXTLINK_ENABLED", "GIT_ALLOW_PROTOCOL",
        "CGO_CFLAGS", "CGO_CFLAGS_ALLOW", "CGO_CFLAGS_DISALLOW", "CGO_CPPFLAGS", "CGO_CPPFLAGS_ALLOW", "CGO_CPPFLAGS_DISALLOW",
        "CGO_CXXFLAGS", "CGO_CXXFLAGS_ALLOW", "CGO_CXXFLAGS_DISALLOW", "CGO_FFLAGS", "CGO_FFLAGS_ALLOW", "CGO_FFLAGS_DISALLOW",
        "CGO_LDFLAGS", "CGO_LDFLAGS_ALLOW", "CGO_LDFLAGS_DISALLOW",
        "GO386", "GOAMD64", "GOARM", "GOARM64", "GOMIPS", "GOMIPS64", "GOPPC64", "GORISCV64", "GOWASM",
        "GOGC", "GOMAXPROCS", "GOMEMLIMIT", "GOTRACEBACK",
    };

    public static ImmutableSortedDictionary<string, string> Read(IReadOnlyList<ProjectItem> items, ProjectFilePositions positions,
        ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        var variables = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var name = (item.Include ?? "").Trim();
            var value = item.Metadata("Value") ?? "";
            var location = positions.Item(ProjectSettingCatalog.GoEnvironmentVariable.Name, item.Include ?? "");
            void Report(DiagnosticDescriptor descriptor, params object?[] args) => diagnostics.Add(descriptor.Create(location, args));

            if (!NameRegex().IsMatch(name))
            {
                Report(DiagnosticCatalog.InvalidGoEnvironmentVariable, GoProjectSettingsReader.Shorten(name),
                    "the Include must be an environment variable name in capitals, such as GOEXPERIMENT");
                continue;
            }
            if (variables.ContainsKey(name))
            {
                Report(DiagnosticCatalog.InvalidGoEnvironmentVariable, name, "another GoEnvironmentVariable item sets it too; keep one");
                continue;
            }
            if (Owned.TryGetValue(name, out var instead))
            {
                Report(DiagnosticCatalog.GoVariableHasProperty, name, instead);
                continue;
            }
            if (!Known.Contains(name))
            {
                if (Mistake(name) is { } meant)
                {
                    Report(DiagnosticCatalog.GoVariableMistake, name, meant + "; the SDK leaves it out of the build");
                }
                else
                {
                    Report(DiagnosticCatalog.InvalidGoEnvironmentVariable, name,
                        "the go command does not read it (see 'go help environment'); give only Go variables here");
                }
                continue;
            }
            if (GoProjectSettingsReader.UnsafeTextProblem(value) is { } unsafeText)
            {
                Report(DiagnosticCatalog.InvalidGoEnvironmentVariable, name, unsafeText);
                continue;
            }
            if (SecretLikeValue.UrlCredentials(value) is not null)
            {
                Report(DiagnosticCatalog.CredentialsInUrl, $"GoEnvironmentVariable '{name}'");
                continue;
            }
            if (SecretLikeValue.Explain(value) is { } secret)
            {
                Report(DiagnosticCatalog.SecretInProperty, $"GoEnvironmentVariable '{name}'", secret);
                continue;
            }
            if (GoVariableValue.Problem(name, value) is { } problem)
            {
                Report(DiagnosticCatalog.InvalidGoEnvironmentVariable, name, problem);
                continue;
            }
            if (GoVariableValue.Pitfall(name, value) is { } pitfall)
            {
                Report(DiagnosticCatalog.GoVariableMistake, name, pitfall + "; the SDK leaves it out of the build");
                continue;
            }
            variables[name] = value;
        }
        return variables.ToImmutable();
    }

    /// <summary>What a name that the go command does not read was meant to be, or null when it looks like none.</summary>
    internal static string? Mistake(string name)
    {
        if (name == "GONOSUMCHECK")
        {
            return "no Go release reads GONOSUMCHECK (it became GONOSUMDB before Go 1.13); to skip the checksum database for private modules set GoNoSumDb, or GoPrivate";
        }
        if (!name.StartsWith("GO", StringComparison.Ordinal) && !name.StartsWith("CGO_", StringComparison.Ordinal))
        {
            return null;
        }
        var candidates = Known.Concat(Owned.Keys);
        var (nearest, distance) = candidates.Select(c => (c, Distance(name, c))).OrderBy(p => p.Item2).ThenBy(p => p.c, StringComparer.Ordinal).First();
        if (distance > 2)
        {
            return $"the go command does not read {name} (see 'go help environment')";
        }
        return Owned.TryGetValue(nearest, out var instead)
            ? $"the go command does not read {name}; did you mean {nearest}? {instead}"
            : $"the go command does not read {name}; did you mean {nearest}?";
    }

    // Damerau-Levenshtein (optimal string alignment): a swapped pair, as in GONOSUMBD, is one edit.
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }

    private static Dictionary<string, string> OwnedVariables()
    {
        var owned = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var setting in ProjectSettingCatalog.GoEnvironment)
        {
            owned[setting.GoVariable!] = $"set the {setting.Name} property";
        }
        owned["CGO_ENABLED"] = $"set the {ProjectSettingCatalog.GoCgoEnabled.Name} property";
        owned["GOOS"] = owned["GOARCH"] = $"set the {ProjectSettingCatalog.GoPlatforms.Name} property";
        owned["GOMODCACHE"] = owned["GOCACHE"] = "the SDK points it at its BuildKit cache mount";
        owned["GOFLAGS"] = $"set the {ProjectSettingCatalog.GoFlags.Name} property (or {ProjectSettingCatalog.GoBuildFlags.Name} for go build only)";
        owned["NETRC"] = "give the netrc as a GoBuildSecret item; the SDK points NETRC at its mount";
        owned["GOROOT"] = $"GOROOT belongs to the base image's Go; choose another {ProjectSettingCatalog.GoBaseImage.Name}";
        owned["GOENV"] = "the build reads no go env -w file; set each variable instead";
        owned["SSL_CERT_FILE"] = owned["SSL_CERT_DIR"] = owned["GIT_SSL_CAINFO"] = "give CA certificates as GoCaCertificate items";
        return owned;
    }

    [GeneratedRegex(@"^[A-Z_][A-Z0-9_]{0,127}$")]
    private static partial Regex NameRegex();
}
