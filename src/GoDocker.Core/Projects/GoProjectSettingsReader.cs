using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Projects;

/// <summary>
/// Builds <see cref="GoProjectSettings"/> from raw property and item values (as MSBuild evaluated them) and reports
/// every value that cannot work as a GD1xxx/GD4xxx/GD7xxx diagnostic at the line that sets it.
/// Never throws for a bad value: an invalid value is reported and replaced by its default, so the settings that come
/// back are always safe to write into a Dockerfile or a command line.
/// </summary>
public static partial class GoProjectSettingsReader
{
    /// <summary>Longer values are certainly a mistake (a pasted file), and would bloat every log line.</summary>
    public const int MaxPropertyLength = 8192;

    public static (GoProjectSettings Settings, ImmutableArray<Diagnostic> Diagnostics) Read(
        string projectPath,
        IReadOnlyDictionary<string, string> properties,
        IReadOnlyList<string> caCertificates,
        IReadOnlyList<GoBuildSecret> buildSecrets,
        ProjectFilePositions? positions = null)
    {
        positions ??= ProjectFilePositions.None(projectPath);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(projectPath))!;
        var rejected = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        // Values that cannot be written safely anywhere are rejected first; later checks see only clean text.
        foreach (var (name, raw) in properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var value = raw ?? "";
            if (UnsafeTextProblem(value) is { } problem)
            {
                diagnostics.Add(DiagnosticCatalog.InvalidPropertyValue.Create(positions.Property(name), name, Shorten(value), problem));
                rejected.Add(name);
            }
            else if (SecretLikeValue.UrlCredentials(value) is not null)
            {
                diagnostics.Add(DiagnosticCatalog.CredentialsInUrl.Create(positions.Property(name), name));
                rejected.Add(name);
            }
            else if (SecretLikeValue.Explain(value, includeRandomStrings: name != ProjectPropertyNames.GoSumDb) is { } secret)
            {
                diagnostics.Add(DiagnosticCatalog.SecretInProperty.Create(positions.Property(name), name, secret));
                rejected.Add(name);
            }
        }

        string Get(string name) =>
            !rejected.Contains(name) && properties.TryGetValue(name, out var v) && v is not null ? v.Trim() : "";
        void Report(DiagnosticDescriptor descriptor, string property, params object?[] args)
        {
            diagnostics.Add(descriptor.Create(positions.Property(property), args));
            rejected.Add(property);
        }
        string FullPath(string value, string fallback) =>
            Path.GetFullPath(Path.Combine(projectDirectory, value.Length == 0 ? fallback : value));

        var environment = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (property, variable) in ProjectPropertyNames.GoEnvironmentProperties)
        {
            var value = Get(property);
            if (value.Length == 0)
            {
                continue;
            }
            if (GoEnvironmentCheck.Problem(variable, value) is { } error)
            {
                diagnostics.Add(error.At(positions.Property(property)));
            }
            // Kept even when invalid (it is line-break free and quoted when written): the Go environment model
            // reads project overrides from here, and no Dockerfile is written while an error stands.
            environment[variable] = value;
        }

        var download = GoDownloadMode.Auto;
        var downloadText = Get(ProjectPropertyNames.GoDownload);
        if (downloadText.Length > 0 && (!Enum.TryParse(downloadText, ignoreCase: true, out download) || !Enum.IsDefined(download) || char.IsDigit(downloadText[0])))
        {
            Report(DiagnosticCatalog.InvalidGoDownloadMode, ProjectPropertyNames.GoDownload, downloadText);
            download = GoDownloadMode.Auto;
        }

        var verify = true;
        var verifyText = Get(ProjectPropertyNames.GoVerify);
        if (verifyText.Length > 0 && !TryParseBool(verifyText, out verify))
        {
            Report(DiagnosticCatalog.InvalidPropertyValue, ProjectPropertyNames.GoVerify, ProjectPropertyNames.GoVerify, verifyText, "use true or false");
            verify = true;
        }

        var timeout = TimeSpan.FromSeconds(5);
        var timeoutText = Get(ProjectPropertyNames.GoVerifyTimeout);
        if (timeoutText.Length > 0)
        {
            if (double.TryParse(timeoutText, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 3600)
            {
                timeout = TimeSpan.FromSeconds(seconds);
            }
            else
            {
                Report(DiagnosticCatalog.InvalidTimeout, ProjectPropertyNames.GoVerifyTimeout, ProjectPropertyNames.GoVerifyTimeout, timeoutText);
            }
        }

        var cgo = false;
        var cgoText = Get(ProjectPropertyNames.GoCgoEnabled);
        if (cgoText.Length > 0 && !TryParseBool(cgoText, out cgo))
        {
            Report(DiagnosticCatalog.InvalidPropertyValue, ProjectPropertyNames.GoCgoEnabled, ProjectPropertyNames.GoCgoEnabled, cgoText, "use true or false");
            cgo = false;
        }

        var baseImage = ReadImage(ProjectPropertyNames.GoBaseImage, GoProjectSettings.DefaultBaseImage, allowScratch: false);
        // A cgo binary links libc dynamically, so it needs a runtime image that has one.
        var runtimeImage = ReadImage(ProjectPropertyNames.GoRuntimeImage,
            cgo ? GoProjectSettings.DefaultCgoRuntimeImage : GoProjectSettings.DefaultRuntimeImage, allowScratch: true);

        string ReadImage(string property, string fallback, bool allowScratch)
        {
            var text = Get(property);
            if (text.Length == 0)
            {
                return fallback;
            }
            if (!ImageReference.TryParse(text, out var image, out var why))
            {
                Report(DiagnosticCatalog.InvalidImageReference, property, property, text, why);
                return fallback;
            }
            if (image.IsScratch && !allowScratch)
            {
                Report(DiagnosticCatalog.InvalidImageReference, property, property, text, "the build stages need an image with the go command");
                return fallback;
            }
            if (!image.IsPinned && !image.IsScratch)
            {
                // A warning, not an error: local test images are often tagged latest. The value is safe to write.
                diagnostics.Add(DiagnosticCatalog.ImageNotPinned.Create(positions.Property(property), property, text));
            }
            return text;
        }

        var syntax = Get(ProjectPropertyNames.GoDockerfileSyntax);
        if (syntax.Length > 0 && !ImageReference.TryParse(syntax, out _, out var syntaxError))
        {
            Report(DiagnosticCatalog.InvalidImageReference, ProjectPropertyNames.GoDockerfileSyntax, ProjectPropertyNames.GoDockerfileSyntax, syntax, syntaxError);
            syntax = "";
        }

        var network = Get(ProjectPropertyNames.GoDockerNetwork);
        if (network.Length > 0 && !NetworkRegex().IsMatch(network))
        {
            Report(DiagnosticCatalog.InvalidPropertyValue, ProjectPropertyNames.GoDockerNetwork, ProjectPropertyNames.GoDockerNetwork, network,
                "use a Docker network name such as 'host', 'none' or 'default' (letters, digits, '_', '.', '-')");
            network = "";
        }

        var mainPackage = Get(ProjectPropertyNames.GoMainPackage);
        if (mainPackage.Length > 0 && !GoMainPackage.IsValid(mainPackage, out var mainError))
        {
            Report(DiagnosticCatalog.InvalidMainPackage, ProjectPropertyNames.GoMainPackage, mainPackage, mainError);
            mainPackage = "";
        }

        var buildFlagsText = Get(ProjectPropertyNames.GoBuildFlags);
        if (!GoBuildFlagList.TryParse(buildFlagsText, out var buildFlags, out var flagsError))
        {
            Report(DiagnosticCatalog.InvalidBuildFlags, ProjectPropertyNames.GoBuildFlags, buildFlagsText, flagsError);
            buildFlagsText = "";
        }

        var ldflags = Get(ProjectPropertyNames.GoLdflags);
        if (ldflags.Length > 0 && UnbalancedQuote(ldflags) is { } quote)
        {
            Report(DiagnosticCatalog.InvalidPropertyValue, ProjectPropertyNames.GoLdflags, ProjectPropertyNames.GoLdflags, ldflags,
                $"a {quote} quote is not closed, so the go command cannot split it");
            ldflags = "";
        }

        var platformsText = Get(ProjectPropertyNames.GoPlatforms);
        if (!GoPlatformList.TryParse(platformsText, out var platforms, out var platformsError))
        {
            Report(DiagnosticCatalog.InvalidPlatforms, ProjectPropertyNames.GoPlatforms, platformsText, platformsError);
            platformsText = "";
        }

        var goModFile = FullPath(Get(ProjectPropertyNames.GoModFile), "go.mod");
        var context = FullPath(Get(ProjectPropertyNames.GoDockerContext), ".");
        var staging = Path.Combine(projectDirectory, "obj", "godocker", "context");
        if (!Directory.Exists(context))
        {
            Report(DiagnosticCatalog.DockerContextNotFound, ProjectPropertyNames.GoDockerContext, context);
            context = projectDirectory;
        }
        else if (!ContextPath.IsInside(context, goModFile))
        {
            Report(DiagnosticCatalog.GoModOutsideContext, ProjectPropertyNames.GoModFile, goModFile, context);
        }
        else if (caCertificates.Count > 0 || buildSecrets.Any(s => s.KnownHosts is not null))
        {
            if (!ContextPath.IsInside(context, staging))
            {
                diagnostics.Add(DiagnosticCatalog.StagingOutsideContext.Create(positions.Property(ProjectPropertyNames.GoDockerContext), staging, context));
            }
        }

        if (!rejected.Contains(ProjectPropertyNames.GoModFile) && !File.Exists(goModFile))
        {
            diagnostics.Add(DiagnosticCatalog.GoModNotFound.Create(positions.Property(ProjectPropertyNames.GoModFile), goModFile));
        }

        var certificates = ImmutableArray.CreateBuilder<string>();
        foreach (var include in caCertificates)
        {
            var location = positions.Item(ProjectPropertyNames.GoCaCertificate, include);
            if (string.IsNullOrWhiteSpace(include) || UnsafeTextProblem(include) is not null)
            {
                diagnostics.Add(DiagnosticCatalog.InvalidCaCertificate.Create(location, Shorten(include ?? ""), "the item's path is empty or holds control characters"));
                continue;
            }
            var path = FullPath(include.Trim(), include.Trim());
            if (CaCertificateFile.Problem(path) is { } problem)
            {
                diagnostics.Add(DiagnosticCatalog.InvalidCaCertificate.Create(location, include, problem));
                continue;
            }
            if (!certificates.Contains(path))
            {
                certificates.Add(path);
            }
        }

        var secrets = BuildSecretCheck.Check(buildSecrets, projectDirectory, context, positions, diagnostics);
        if (secrets.FirstOrDefault(s => s.Kind == GoBuildSecretKind.Netrc) is { } netrcSecret
            && environment.TryGetValue("GOPROXY", out var goProxy)
            && GoEnv.GoProxyList.Parse(goProxy).Value.Proxies.FirstOrDefault(p => p.Url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) is { } plain)
        {
            diagnostics.Add(DiagnosticCatalog.NetrcOverPlainHttp.Create(positions.Property(ProjectPropertyNames.GoProxy), netrcSecret.Id, plain.Url));
        }

        var settings = new GoProjectSettings
        {
            ProjectPath = Path.GetFullPath(projectPath),
            ProjectDirectory = projectDirectory,
            GoModFile = goModFile,
            DockerContext = context,
            StagingDirectory = staging,
            GoEnvironment = environment.ToImmutable(),
            BaseImage = baseImage,
            RuntimeImage = runtimeImage,
            MainPackage = mainPackage.Length == 0 ? GoMainPackage.Default : mainPackage,
            DockerfileSyntax = syntax,
            DockerNetwork = network,
            BuildFlags = buildFlagsText,
            BuildFlagList = buildFlags,
            Ldflags = ldflags,
            CgoEnabled = cgo,
            Platforms = platforms.ToString(),
            PlatformList = platforms,
            Download = download,
            Verify = verify,
            VerifyTimeout = timeout,
            CaCertificates = certificates.ToImmutable(),
            BuildSecrets = secrets,
            Positions = positions,
        };
        return (settings, diagnostics.ToImmutable());
    }

    /// <summary>Why a value cannot be written into a Dockerfile line or a command line at all, or null.</summary>
    internal static string? UnsafeTextProblem(string value)
    {
        if (value.Length > MaxPropertyLength)
        {
            return $"it is {value.Length} characters long (at most {MaxPropertyLength})";
        }
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.Value is '\r' or '\n')
            {
                return "it contains a line break, which would end the Dockerfile instruction";
            }
            if (Rune.IsControl(rune) && rune.Value != '\t')
            {
                return $"it contains the control character U+{rune.Value:X4}";
            }
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                return $"it contains the invisible or unassigned character U+{rune.Value:X4}, which can make text read differently than it runs";
            }
        }
        if (value.Contains('\uFFFD'))
        {
            return "it contains U+FFFD, a sign of text decoded with the wrong encoding";
        }
        return null;
    }

    private static char? UnbalancedQuote(string text)
    {
        char quote = '\0';
        foreach (var c in text)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'' or '`')
            {
                quote = c;
            }
        }
        return quote == '\0' ? null : quote;
    }

    private static bool TryParseBool(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "1" or "yes" or "on": value = true; return true;
            case "false" or "0" or "no" or "off": value = false; return true;
            default: value = false; return false;
        }
    }

    /// <summary>Echoes a value in a message without its line breaks and without flooding the log.</summary>
    internal static string Shorten(string value)
    {
        var escaped = value.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\0", "\\0");
        return escaped.Length <= 120 ? escaped : escaped[..117] + "...";
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,127}$")]
    private static partial Regex NetworkRegex();
}
