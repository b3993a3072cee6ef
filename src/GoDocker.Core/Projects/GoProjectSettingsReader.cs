using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.GoEnv;

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
        ProjectFilePositions? positions = null,
        IEnvironmentSource? processEnvironment = null,
        ITextFileSource? files = null,
        IReadOnlyList<ProjectItem>? environmentVariables = null,
        IReadOnlyList<ProjectItem>? imageLabels = null)
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
            else if (SecretLikeValue.Explain(value, includeRandomStrings: name != ProjectSettingCatalog.GoSumDb.Name) is { } secret)
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

        // The Go environment is read once, here: the project's values (with their lines) over the process
        // environment, the go env -w file and the go command's defaults. GD1001-GD1005 come from this one parse.
        var overrides = new Dictionary<string, GoEnvOverride>(StringComparer.Ordinal);
        foreach (var setting in ProjectSettingCatalog.GoEnvironment)
        {
            var value = Get(setting.Name);
            if (value.Length == 0 && setting.Default is { } fallback)
            {
                value = fallback; // the targets' default, for callers that do not go through MSBuild
            }
            if (value.Length > 0)
            {
                overrides[setting.GoVariable!] = new GoEnvOverride(value, positions.Property(setting.Name));
            }
        }
        var environment = GoEnvironmentReader.Read(processEnvironment ?? ProcessEnvironmentSource.Instance, files ?? LocalTextFileSource.Instance,
            new GoEnvironmentReaderOptions { Overrides = overrides });
        foreach (var error in environment.Diagnostics)
        {
            diagnostics.Add(error.Location is null ? error.At(SourceLocation.Of(positions.ProjectPath)) : error);
        }

        var download = GoDownloadMode.Auto;
        var downloadText = Get(ProjectSettingCatalog.GoDownload.Name);
        if (downloadText.Length > 0 && (!Enum.TryParse(downloadText, ignoreCase: true, out download) || !Enum.IsDefined(download) || char.IsDigit(downloadText[0])))
        {
            Report(DiagnosticCatalog.InvalidGoDownloadMode, ProjectSettingCatalog.GoDownload.Name, downloadText);
            download = GoDownloadMode.Auto;
        }

        var engine = ContainerEngineChoice.Auto;
        var engineText = Get(ProjectSettingCatalog.GoContainerEngine.Name);
        if (engineText.Length > 0 && (!Enum.TryParse(engineText, ignoreCase: true, out engine) || !Enum.IsDefined(engine) || char.IsDigit(engineText[0])))
        {
            Report(DiagnosticCatalog.InvalidContainerEngine, ProjectSettingCatalog.GoContainerEngine.Name, engineText);
            engine = ContainerEngineChoice.Auto;
        }

        var verify = true;
        var verifyText = Get(ProjectSettingCatalog.GoVerify.Name);
        if (verifyText.Length > 0 && !TryParseBool(verifyText, out verify))
        {
            Report(DiagnosticCatalog.InvalidPropertyValue, ProjectSettingCatalog.GoVerify.Name, ProjectSettingCatalog.GoVerify.Name, verifyText, "use true or false");
            verify = true;
        }

        var timeout = TimeSpan.FromSeconds(5);
        var timeoutText = Get(ProjectSettingCatalog.GoVerifyTimeout.Name);
        if (timeoutText.Length > 0 && !TryParseTimeout(timeoutText, out timeout))
        {
            Report(DiagnosticCatalog.InvalidTimeout, ProjectSettingCatalog.GoVerifyTimeout.Name, ProjectSettingCatalog.GoVerifyTimeout.Name, timeoutText);
            timeout = TimeSpan.FromSeconds(5);
        }

        var cgo = false;
        var cgoText = Get(ProjectSettingCatalog.GoCgoEnabled.Name);
        if (cgoText.Length > 0 && !TryParseBool(cgoText, out cgo))
        {
            Report(DiagnosticCatalog.InvalidPropertyValue, ProjectSettingCatalog.GoCgoEnabled.Name, ProjectSettingCatalog.GoCgoEnabled.Name, cgoText, "use true or false");
            cgo = false;
        }

        var vet = true;
        var vetText = Get(ProjectSettingCatalog.GoVet.Name);
        if (vetText.Length > 0 && !TryParseBool(vetText, out vet))
        {
            Report(DiagnosticCatalog.InvalidPropertyValue, ProjectSettingCatalog.GoVet.Name, ProjectSettingCatalog.GoVet.Name, vetText, "use true or false");
            vet = true;
        }

        var baseImage = ReadImage(ProjectSettingCatalog.GoBaseImage.Name, GoProjectSettings.DefaultBaseImage, allowScratch: false);
        // A cgo binary links libc dynamically, so it needs a runtime image that has one.
        var runtimeImage = ReadImage(ProjectSettingCatalog.GoRuntimeImage.Name,
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

        var syntax = Get(ProjectSettingCatalog.GoDockerfileSyntax.Name);
        if (syntax.Length > 0 && !ImageReference.TryParse(syntax, out _, out var syntaxError))
        {
            Report(DiagnosticCatalog.InvalidImageReference, ProjectSettingCatalog.GoDockerfileSyntax.Name, ProjectSettingCatalog.GoDockerfileSyntax.Name, syntax, syntaxError);
            syntax = "";
        }

        var network = Get(ProjectSettingCatalog.GoDockerNetwork.Name);
        if (network.Length > 0 && !NetworkRegex().IsMatch(network))
        {
            Report(DiagnosticCatalog.InvalidPropertyValue, ProjectSettingCatalog.GoDockerNetwork.Name, ProjectSettingCatalog.GoDockerNetwork.Name, network,
                "use a Docker network name such as 'host', 'none' or 'default' (letters, digits, '_', '.', '-')");
            network = "";
        }

        var builder = Get(ProjectSettingCatalog.GoDockerBuilder.Name);
        if (builder.Length > 0 && !BuilderNameRegex().IsMatch(builder))
        {
            Report(DiagnosticCatalog.InvalidPropertyValue, ProjectSettingCatalog.GoDockerBuilder.Name, ProjectSettingCatalog.GoDockerBuilder.Name, builder,
                "use the name of a buildx builder as 'docker buildx ls' lists it (letters, digits, '_', '.', '-')");
            builder = "";
        }

        var mainPackage = Get(ProjectSettingCatalog.GoMainPackage.Name);
        if (mainPackage.Length > 0 && !GoMainPackage.IsValid(mainPackage, out var mainError))
        {
            Report(DiagnosticCatalog.InvalidMainPackage, ProjectSettingCatalog.GoMainPackage.Name, mainPackage, mainError);
            mainPackage = "";
        }

        var buildFlagsText = Get(ProjectSettingCatalog.GoBuildFlags.Name);
        if (!GoBuildFlagList.TryParse(buildFlagsText, out var buildFlags, out var flagsError))
        {
            Report(DiagnosticCatalog.InvalidBuildFlags, ProjectSettingCatalog.GoBuildFlags.Name, buildFlagsText, flagsError);
            buildFlagsText = "";
        }

        var testPackagesText = Get(ProjectSettingCatalog.GoTestPackages.Name);
        if (!GoTestArguments.TryParsePackages(testPackagesText, out var testPackages, out var testPackagesError))
        {
            Report(DiagnosticCatalog.InvalidTestPackages, ProjectSettingCatalog.GoTestPackages.Name, testPackagesText, testPackagesError);
            GoTestArguments.TryParsePackages("", out testPackages, out _);
        }
        var testFlagsText = Get(ProjectSettingCatalog.GoTestFlags.Name);
        if (!GoTestArguments.TryParseFlags(testFlagsText, out var testFlags, out var testFlagsError))
        {
            Report(DiagnosticCatalog.InvalidTestFlags, ProjectSettingCatalog.GoTestFlags.Name, testFlagsText, testFlagsError);
            testFlags = [];
        }

        var ldflags = Get(ProjectSettingCatalog.GoLdflags.Name);
        if (ldflags.Length > 0 && UnbalancedQuote(ldflags) is { } quote)
        {
            Report(DiagnosticCatalog.InvalidPropertyValue, ProjectSettingCatalog.GoLdflags.Name, ProjectSettingCatalog.GoLdflags.Name, ldflags,
                $"a {quote} quote is not closed, so the go command cannot split it");
            ldflags = "";
        }

        var platformsText = Get(ProjectSettingCatalog.GoPlatforms.Name);
        if (!GoPlatformList.TryParse(platformsText, out var platforms, out var platformsError))
        {
            Report(DiagnosticCatalog.InvalidPlatforms, ProjectSettingCatalog.GoPlatforms.Name, platformsText, platformsError);
            platformsText = "";
        }

        var goModFile = FullPath(Get(ProjectSettingCatalog.GoModFile.Name), "go.mod");

        var variant = Get(ProjectSettingCatalog.GoBaseImageVariant.Name);
        if (variant.Length == 0)
        {
            variant = GoModBaseImage.DefaultVariant;
        }
        else if (!GoModBaseImage.IsValidVariant(variant))
        {
            Report(DiagnosticCatalog.InvalidPropertyValue, ProjectSettingCatalog.GoBaseImageVariant.Name, ProjectSettingCatalog.GoBaseImageVariant.Name, variant,
                "use a golang image variant such as bookworm, alpine or alpine3.20");
            variant = GoModBaseImage.DefaultVariant;
        }
        if (Get(ProjectSettingCatalog.GoBaseImage.Name).Length == 0)
        {
            // No image named: the one go.mod asks for, so it is never older than the module needs.
            baseImage = GoModBaseImage.For(goModFile, variant);
        }
        var context = FullPath(Get(ProjectSettingCatalog.GoDockerContext.Name), ".");
        var staging = ProjectLayout.StagingDirectory(projectDirectory);
        if (!Directory.Exists(context))
        {
            Report(DiagnosticCatalog.DockerContextNotFound, ProjectSettingCatalog.GoDockerContext.Name, context);
            context = projectDirectory;
        }
        else if (!ContextPath.IsInside(context, goModFile))
        {
            Report(DiagnosticCatalog.GoModOutsideContext, ProjectSettingCatalog.GoModFile.Name, goModFile, context);
        }
        else if (caCertificates.Count > 0 || buildSecrets.Any(s => s.KnownHosts is not null))
        {
            if (!ContextPath.IsInside(context, staging))
            {
                diagnostics.Add(DiagnosticCatalog.StagingOutsideContext.Create(positions.Property(ProjectSettingCatalog.GoDockerContext.Name), staging, context));
            }
        }

        if (!rejected.Contains(ProjectSettingCatalog.GoModFile.Name) && !File.Exists(goModFile))
        {
            diagnostics.Add(DiagnosticCatalog.GoModNotFound.Create(positions.Property(ProjectSettingCatalog.GoModFile.Name), goModFile));
        }

        var certificates = ImmutableArray.CreateBuilder<string>();
        foreach (var include in caCertificates)
        {
            var location = positions.Item(ProjectSettingCatalog.GoCaCertificate.Name, include);
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
            && environment.Proxy.Proxies.FirstOrDefault(p => p.Url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) is { } plain)
        {
            diagnostics.Add(DiagnosticCatalog.NetrcOverPlainHttp.Create(positions.Property(ProjectSettingCatalog.GoProxy.Name), netrcSecret.Id, plain.Url));
        }

        var variables = GoEnvironmentVariableItems.Read(environmentVariables ?? [], positions, diagnostics);

        var dockerfilePath = FullPath(Get(ProjectSettingCatalog.GoDockerfilePath.Name), ProjectLayout.DefaultDockerfile(projectDirectory));
        var gateway = ReadGateway();
        BuildGatewaySettings? ReadGateway()
        {
            var startText = Get(ProjectSettingCatalog.GoDockerStartProxy.Name);
            if (startText.Length == 0)
            {
                return null;
            }
            if (!TryParseBool(startText, out var start))
            {
                Report(DiagnosticCatalog.InvalidPropertyValue, ProjectSettingCatalog.GoDockerStartProxy.Name, ProjectSettingCatalog.GoDockerStartProxy.Name, startText, "use true or false");
                return null;
            }
            if (!start)
            {
                return null;
            }
            if (BuildGatewayAddress.ListenAddress(environment.Proxy) is not { } listen)
            {
                diagnostics.Add(DiagnosticCatalog.StartProxyNeedsLoopbackGoProxy.Create(
                    environment["GOPROXY"].Location ?? positions.Property(ProjectSettingCatalog.GoProxy.Name), environment["GOPROXY"].Value));
                return null;
            }
            var upstream = Get(ProjectSettingCatalog.GoDockerProxyUpstream.Name);
            var snapshot = Get(ProjectSettingCatalog.GoDockerProxySnapshot.Name);
            return new BuildGatewaySettings(listen, FullPath(Get(ProjectSettingCatalog.GoDockerProxyCache.Name), Path.Combine(".godocker", "proxy")),
                snapshot.Length > 0 ? snapshot : null, upstream.Length > 0 ? upstream : null);
        }

        var modCache = ReadModCache();
        ModCacheSettings ReadModCache()
        {
            var modeText = Get(ProjectSettingCatalog.GoModCacheMode.Name);
            var mode = GoModCacheMode.Mount;
            if (modeText.Length > 0 && (!Enum.TryParse(modeText, ignoreCase: true, out mode) || !Enum.IsDefined(mode) || char.IsDigit(modeText[0])))
            {
                Report(DiagnosticCatalog.InvalidModCacheMode, ProjectSettingCatalog.GoModCacheMode.Name, modeText);
                mode = GoModCacheMode.Mount;
            }
            var dirText = Get(ProjectSettingCatalog.GoModCacheDir.Name);
            if (mode == GoModCacheMode.Gateway)
            {
                if (!environment.Proxy.Proxies.Any())
                {
                    diagnostics.Add(DiagnosticCatalog.GatewayModeNeedsProxy.Create(
                        environment["GOPROXY"].Location ?? positions.Property(ProjectSettingCatalog.GoModCacheMode.Name), environment["GOPROXY"].Value));
                }
                if (network.Length > 0 && network != "host")
                {
                    diagnostics.Add(DiagnosticCatalog.GatewayModeNeedsHostNetwork.Create(positions.Property(ProjectSettingCatalog.GoDockerNetwork.Name), network));
                }
                if (gateway is not null)
                {
                    diagnostics.Add(DiagnosticCatalog.GatewayModeWithStartProxy.Create(positions.Property(ProjectSettingCatalog.GoDockerStartProxy.Name)));
                }
            }
            else if (dirText.Length > 0 && positions.IsWritten(ProjectSettingCatalog.GoModCacheDir.Name))
            {
                diagnostics.Add(DiagnosticCatalog.ModCacheDirOutsideGatewayMode.Create(positions.Property(ProjectSettingCatalog.GoModCacheDir.Name), mode));
            }
            var directory = FullPath(dirText, Path.Combine(ProjectLayout.DefaultIntermediateDirectory(projectDirectory), "modcache"));

            var from = ImmutableArray.CreateBuilder<DockerCacheSpec>();
            foreach (var text in Get(ProjectSettingCatalog.GoDockerCacheFrom.Name).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (ParseCache(ProjectSettingCatalog.GoDockerCacheFrom.Name, text, export: false) is { } spec)
                {
                    from.Add(spec);
                }
            }
            var toText = Get(ProjectSettingCatalog.GoDockerCacheTo.Name);
            var to = toText.Length == 0 ? null : ParseCache(ProjectSettingCatalog.GoDockerCacheTo.Name, toText, export: true);
            if (mode != GoModCacheMode.Layer)
            {
                var carries = mode == GoModCacheMode.Mount ? "BuildKit cache mounts (moby/buildkit#1474)" : "the gateway's host folder";
                foreach (var property in new[] { ProjectSettingCatalog.GoDockerCacheFrom.Name, ProjectSettingCatalog.GoDockerCacheTo.Name })
                {
                    if (Get(property).Length > 0)
                    {
                        diagnostics.Add(DiagnosticCatalog.LayerCacheWithoutLayerMode.Create(positions.Property(property), property, mode, carries));
                    }
                }
            }
            return new ModCacheSettings(mode, directory, from.ToImmutable(), to);
        }
        DockerCacheSpec? ParseCache(string property, string text, bool export)
        {
            var problem = UnsafeTextProblem(text);
            var (spec, why) = problem is null ? DockerCacheSpec.Parse(text, export) : (null, problem);
            if (spec is null)
            {
                diagnostics.Add(DiagnosticCatalog.InvalidDockerCacheSpec.Create(positions.Property(property), property, text, why));
            }
            return spec;
        }

        var publish = ImagePublishSettingsReader.Read(projectPath, Get, (d, p, a) => Report(d, p, a), positions, imageLabels ?? [], diagnostics, projectDirectory);

        var settings = new GoProjectSettings
        {
            ProjectPath = Path.GetFullPath(projectPath),
            ProjectDirectory = projectDirectory,
            GoModFile = goModFile,
            DockerContext = context,
            StagingDirectory = staging,
            Environment = environment,
            DockerfilePath = dockerfilePath,
            Gateway = gateway,
            ModCache = modCache,
            BaseImage = baseImage,
            Vet = vet,
            RuntimeImage = runtimeImage,
            MainPackage = mainPackage.Length == 0 ? GoMainPackage.Default : mainPackage,
            DockerfileSyntax = syntax,
            DockerNetwork = network,
            DockerBuilder = builder,
            BuildFlags = buildFlagsText,
            BuildFlagList = buildFlags,
            TestPackages = testPackages,
            TestFlags = testFlags,
            Ldflags = ldflags,
            CgoEnabled = cgo,
            Platforms = platforms.ToString(),
            PlatformList = platforms,
            Download = download,
            ContainerEngine = engine,
            Verify = verify,
            VerifyTimeout = timeout,
            CaCertificates = certificates.ToImmutable(),
            BuildSecrets = secrets,
            EnvironmentVariables = variables,
            Publish = publish,
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

    /// <summary>A probe phase timeout in seconds, as GoVerifyTimeout and the tool's --timeout both take it: more than 0, at most an hour.</summary>
    public static bool TryParseTimeout(string text, out TimeSpan timeout)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 3600)
        {
            timeout = TimeSpan.FromSeconds(seconds);
            return true;
        }
        timeout = default;
        return false;
    }

    internal static char? UnbalancedQuote(string text)
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

    internal static bool TryParseBool(string text, out bool value)
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

    // buildx validates builder names as [a-zA-Z0-9][a-zA-Z0-9_.-]* too; this also keeps the name one argv word.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,127}$")]
    private static partial Regex BuilderNameRegex();
}
