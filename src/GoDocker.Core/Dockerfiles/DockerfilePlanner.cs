using System.Collections.Immutable;
using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.GoEnv;
using GoDocker.Core.GoMod;
using GoDocker.Core.Modules;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Dockerfiles;

/// <summary>
/// Turns checked settings and the module's go.mod into <see cref="DockerfileInputs"/>, reporting what would make the
/// build fail before Docker runs: a Go version the base image cannot build (GD2005), a replace directory the build
/// cannot see (GD2006, GD2040), -mod=vendor without vendor/ (GD2041), paths a Dockerfile cannot hold (GD1047).
/// </summary>
public static partial class DockerfilePlanner
{
    public static async Task<(DockerfileInputs? Inputs, ImmutableArray<Diagnostic> Diagnostics)> PlanAsync(
        GoProjectSettings settings, CancellationToken cancellationToken, string? generatorVersion = null)
    {
        var (facts, errors) = await GoModuleFacts.ReadAsync(settings.GoModFile, cancellationToken).ConfigureAwait(false);
        if (facts is null)
        {
            return (null, errors.ToImmutableArray());
        }
        return Plan(settings, facts, generatorVersion);
    }

    public static (DockerfileInputs? Inputs, ImmutableArray<Diagnostic> Diagnostics) Plan(
        GoProjectSettings settings, GoModuleFacts facts, string? generatorVersion = null)
    {
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var context = settings.DockerContext;
        var goModLocation = SourceLocation.Of(facts.GoModFile);

        string? SafeRelative(string path, SourceLocation location)
        {
            var relative = ContextPath.Relative(context, path);
            if (UnsafePathProblem(relative) is { } problem)
            {
                diagnostics.Add(DiagnosticCatalog.UnsafeContextPath.Create(location, relative, problem));
                return null;
            }
            return relative;
        }

        var moduleDirectory = SafeRelative(facts.ModuleDirectory, settings.Positions.Property(ProjectSettingCatalog.GoModFile.Name)) ?? ".";

        var replaces = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var replace in facts.LocalReplaces)
        {
            if (!ContextPath.IsInside(context, replace.Directory))
            {
                diagnostics.Add(DiagnosticCatalog.ReplaceOutsideContext.Create(replace.Location, replace.ModulePath, replace.DirectoryText, context));
                continue;
            }
            if (!File.Exists(Path.Combine(replace.Directory, "go.mod")))
            {
                diagnostics.Add(DiagnosticCatalog.ReplaceDirectoryWithoutGoMod.Create(replace.Location, replace.ModulePath, replace.DirectoryText, replace.Directory));
                continue;
            }
            if (SafeRelative(replace.Directory, replace.Location) is { } relative && relative != moduleDirectory)
            {
                replaces.Add(relative);
            }
        }

        var vendorMode = DecideVendorMode(settings, facts, diagnostics);
        CheckGoVersion(settings, facts, diagnostics);

        // The staging folder is named in the Dockerfile only when something is staged.
        var needsStaging = !settings.CaCertificates.IsEmpty || settings.BuildSecrets.Any(s => s.KnownHosts is not null);
        var stagingPath = settings.StagingDirectory.Length == 0
            ? ProjectLayout.StagingDirectory(settings.ProjectDirectory)
            : settings.StagingDirectory;
        var staging = needsStaging
            ? SafeRelative(stagingPath, settings.Positions.Property(ProjectSettingCatalog.GoDockerContext.Name)) ?? ContextPath.Relative(settings.ProjectDirectory, ProjectLayout.StagingDirectory(settings.ProjectDirectory))
            : ContextPath.Relative(context, stagingPath);

        var certificates = settings.CaCertificates
            .Select((path, i) => new StagedFile(path, $"ca/godocker-{i + 1}-{StagedFileName(Path.GetFileNameWithoutExtension(path))}.crt"))
            .ToImmutableArray();
        var knownHosts = settings.BuildSecrets
            .Where(s => s.Kind == GoBuildSecretKind.Ssh && s.KnownHosts is not null)
            .Select(s => new StagedFile(s.KnownHosts!, "ssh/known_hosts"))
            .ToImmutableArray();

        var environment = BuildEnvironment.Of(settings);

        if (diagnostics.Any(d => d.IsError))
        {
            return (null, diagnostics.ToImmutable());
        }

        var inputs = new DockerfileInputs
        {
            GeneratorVersion = generatorVersion ?? ProductVersion.Current,
            DockerfileSyntax = settings.DockerfileSyntax,
            BaseImage = settings.BaseImage,
            RuntimeImage = settings.RuntimeImage,
            ModuleDirectory = moduleDirectory,
            HasGoSum = facts.HasGoSum,
            GoEnvironment = environment,
            ReplaceDirectories = [.. replaces],
            VendorMode = vendorMode,
            ModCacheMode = settings.ModCache.Mode,
            StagingDirectory = staging,
            CaCertificates = certificates,
            KnownHosts = knownHosts,
            Secrets = settings.BuildSecrets,
            MainPackage = settings.MainPackage,
            BuildFlags = settings.BuildFlagList.Arguments,
            TestPackages = settings.TestPackages,
            TestFlags = settings.TestFlags,
            Ldflags = settings.Ldflags,
            CgoEnabled = settings.CgoEnabled,
            Vet = settings.Vet,
            Platforms = settings.PlatformList.Platforms,
        };
        return (inputs, diagnostics.ToImmutable());
    }

    /// <summary>
    /// The go command builds from vendor/ when -mod=vendor is given (GoBuildFlags, then GOFLAGS), or, with no -mod,
    /// when vendor/modules.txt exists and go.mod says go 1.14 or later.
    /// </summary>
    private static bool DecideVendorMode(GoProjectSettings settings, GoModuleFacts facts, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        var fromFlags = settings.BuildFlagList.ModValue;
        var fromGoFlags = settings.Environment.Flags.ValueOf("mod");
        var mod = fromFlags ?? fromGoFlags;
        if (mod == "vendor")
        {
            if (!facts.HasVendor)
            {
                var property = fromFlags is not null ? ProjectSettingCatalog.GoBuildFlags.Name : ProjectSettingCatalog.GoFlags.Name;
                diagnostics.Add(DiagnosticCatalog.VendorFolderMissing.Create(settings.Positions.Property(property), property,
                    Path.Combine(facts.ModuleDirectory, "vendor", "modules.txt")));
            }
            return true;
        }
        if (mod is not null)
        {
            return false;
        }
        return facts.HasVendor && facts.Go is { } go && GoVersion.Compare(go.Version, "1.14") >= 0;
    }

    private static void CheckGoVersion(GoProjectSettings settings, GoModuleFacts facts, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (!ImageReference.TryParse(settings.BaseImage, out var image, out _) || BaseImageGoVersion.From(image) is not { } imageGo)
        {
            return; // the tag does not say which Go the image holds
        }
        var toolchainText = settings.EffectiveGoToolchain;
        var toolchain = settings.Environment.Toolchain;

        // Go 1.20 and older ignore GOTOOLCHAIN; from 1.21 on, auto (and path) may switch to another toolchain.
        string? effective = imageGo.Version;
        var patchKnown = imageGo.PatchKnown;
        if (imageGo.KnowsToolchainSwitching)
        {
            if (toolchain.Mode == GoToolchainMode.Auto)
            {
                return; // the go command fetches the needed toolchain through GOPROXY
            }
            if (toolchain.MinimumVersion is { } pinned)
            {
                effective = pinned;
                patchKnown = true;
            }
        }
        var running = new BaseImageGoVersion(effective, patchKnown);
        var before = diagnostics.Count;

        var requirements = new List<GoRequirement>();
        if (facts.Go is { } go)
        {
            requirements.Add(go);
        }
        // A toolchain line matters only when the go command looks for that toolchain (path mode); local ignores it.
        if (facts.Toolchain is { } tc && toolchain.Mode == GoToolchainMode.Path && imageGo.KnowsToolchainSwitching)
        {
            requirements.Add(tc);
        }
        foreach (var requirement in requirements)
        {
            if (running.IsCertainlyOlderThan(requirement.Version))
            {
                diagnostics.Add(DiagnosticCatalog.GoVersionNewerThanImage.Create(requirement.Location,
                    requirement.Directive, requirement.Version, settings.BaseImage, running.ToString(), toolchainText));
            }
        }

        // The image's go reads go.mod with its own grammar: go1.19 rejects a toolchain line or "go 1.21.0" outright.
        if (GoModRelease.TryParse(running.Version) is { } release && release.Minor < GoModRelease.Latest.Minor && File.Exists(facts.GoModFile))
        {
            var reported = diagnostics.Skip(before).Select(d => d.Location?.Line).ToHashSet();
            diagnostics.AddRange(release.ProblemsIn(facts.GoModFile, File.ReadAllBytes(facts.GoModFile)).Where(d => !reported.Contains(d.Location?.Line)));
        }
    }

    /// <summary>Why a context-relative path cannot stand in COPY/WORKDIR unquoted, or null.</summary>
    internal static string? UnsafePathProblem(string relative)
    {
        if (relative == ".")
        {
            return null;
        }
        if (!SafePathRegex().IsMatch(relative))
        {
            return "only letters, digits and '.', '_', '-', '+', '@', '/' are allowed";
        }
        if (relative.Split('/').Any(part => part is "" or "." or ".." || part.StartsWith('-')))
        {
            return "it has an empty, '.', '..' or '-'-prefixed part";
        }
        return null;
    }

    private static string StagedFileName(string name)
    {
        var cleaned = UnsafeNameCharRegex().Replace(name, "-").Trim('-', '.');
        return cleaned.Length == 0 ? "ca" : cleaned.Length > 64 ? cleaned[..64] : cleaned;
    }

    [GeneratedRegex(@"^[A-Za-z0-9._+@/\-]+$")]
    private static partial Regex SafePathRegex();

    [GeneratedRegex(@"[^A-Za-z0-9._\-]+")]
    private static partial Regex UnsafeNameCharRegex();
}
