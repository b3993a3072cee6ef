using GoDocker.Core.Classification;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.GoEnv;
using GoDocker.Core.GoMod;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Verification;

/// <summary>
/// The whole verify for a project, as <c>godocker verify</c> and the GoDockerVerify target run it: the Go environment
/// from the process plus the project's Go* properties, the first direct requirement of go.mod as the module to ask
/// for, GoVerifyTimeout per phase, GoCaCertificate items as extra trust, and diagnostics placed on the project.
/// </summary>
public static class ProjectVerification
{
    /// <param name="detail">Where the reason for probing or not probing goes (a diagnostic log's detail).</param>
    /// <param name="deferToLayerCache">Before a build: leave the upstream probes to the download when it imports a layer cache.</param>
    public static async Task<VerificationReport> RunAsync(GoProjectSettings settings, CancellationToken cancellationToken, Action<string>? detail = null, bool deferToLayerCache = false)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var environment = settings.Environment;
        var positions = ProjectDiagnosticPositions.For(settings);
        var options = new VerificationOptions
        {
            PhaseTimeout = settings.VerifyTimeout,
            CaCertificateFiles = settings.CaCertificates,
            Credentials = BuildNetrc(settings),
            ExplainRefusal = (endpoint, answer, subject) =>
                Credentials.ProxyCredentialsDiagnosis.Explain(endpoint.ToString().TrimEnd('/'), answer, subject, settings,
                    Credentials.GoCredentialRules.For(settings), null) is { } found
                    ? found.Descriptor.Create(found.Location, found.Arguments)
                    : null,
            BuildSecrets = settings.BuildSecrets,
            TrustLocation = positions.Property(ProjectSettingCatalog.GoCaCertificate.Name),
            SecretLocation = positions.Property(ProjectSettingCatalog.GoBuildSecret.Name),
            PostQuantumKeyShare = PostQuantumKeyShare.For(ImageGoVersion(settings)),
        };

        var module = SampleModule(settings.GoModFile);
        if (module is null)
        {
            // Nothing to download: the settings can still be wrong, so report what the environment model found.
            return new VerificationReport([], new DownloadVerdict(true, ["go.mod requires no module"]), environment.Diagnostics, TimeSpan.Zero);
        }
        var plan = ProbePlan.For(environment, module.Path, module.Version, positions.Require(module.Path));
        if (plan.Blockers.Count == 0 && settings.ModCache.Mode == GoModCacheMode.Gateway)
        {
            // The build's gateway asks its upstreams (the proxies probed here) only for what GoModCacheDir lacks.
            var coverage = BuildGateways.ModCacheCoverage.Of(settings.ModCache.Directory, settings.GoModFile);
            if (coverage.IsComplete)
            {
                return new VerificationReport([], new DownloadVerdict(true, [coverage.Summary]), environment.Diagnostics, TimeSpan.Zero);
            }
            detail?.Invoke($"GoModCacheDir {settings.ModCache.Directory} lacks {string.Join(", ", coverage.Missing.Take(3))}{(coverage.Missing.Count > 3 ? $" and {coverage.Missing.Count - 3} more" : "")}: probing the upstream proxies");
        }
        if (plan.Blockers.Count == 0 && deferToLayerCache && settings.ModCache.Mode == GoModCacheMode.Layer && !settings.ModCache.CacheFrom.IsEmpty)
        {
            // Whether the imported layer matches is known only to the builder; on a miss the deps stage's go output says what failed.
            return new VerificationReport([], new DownloadVerdict(true, [LayerCacheVerdict]), environment.Diagnostics, TimeSpan.Zero);
        }
        return await EndpointVerifier.RunAsync(plan, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The verdict line of a build's verify that leaves the upstream to a layer cache import.</summary>
    public const string LayerCacheVerdict = "GoDockerCacheFrom may hold the deps stage: the upstream proxies are asked only if the download stage misses it";

    /// <summary>
    /// The registries of the project's images: GoBaseImage (as resolved, also from go.mod) and the GoDockerfileSyntax
    /// frontend, which <c>docker build</c> pulls; unless <paramref name="buildOnly"/>, also GoRuntimeImage and the
    /// GoImageRegistry publish pushes to. Each image is probed unless the engine holds it already, each failure at its
    /// property's line (the project when defaulted).
    /// </summary>
    public static async Task<IReadOnlyList<Diagnostics.Diagnostic>> RunRegistriesAsync(GoProjectSettings settings,
        Func<string, CancellationToken, Task<bool>>? presentLocally, CancellationToken cancellationToken, string dockerCertsFolder = RegistryProbe.DockerCertsFolder,
        RegistryPullContext? context = null, bool buildOnly = false)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var positions = ProjectDiagnosticPositions.For(settings);
        var options = new VerificationOptions { PhaseTimeout = settings.VerifyTimeout, CaCertificateFiles = settings.CaCertificates };
        var images = new List<(string Setting, string Image)> { (ProjectSettingCatalog.GoBaseImage.Name, settings.BaseImage) };
        if (settings.DockerfileSyntax.Length > 0)
        {
            images.Add((ProjectSettingCatalog.GoDockerfileSyntax.Name, settings.DockerfileSyntax));
        }
        if (!buildOnly)
        {
            images.Add((ProjectSettingCatalog.GoRuntimeImage.Name, settings.RuntimeImage));
        }
        SourceLocation? Line(string setting) => positions.Property(setting) ?? positions.ProjectFile();
        var probes = images.Select(i => RegistryProbe.RunAsync(i.Setting, i.Image, Line(i.Setting), options,
            presentLocally, cancellationToken, dockerCertsFolder, context)).ToList();
        if (!buildOnly && settings.Publish.Registry.Length > 0)
        {
            probes.Add(RegistryProbe.RunForRegistryAsync(ProjectSettingCatalog.GoImageRegistry.Name, settings.Publish.Registry,
                Line(ProjectSettingCatalog.GoImageRegistry.Name), options, cancellationToken, dockerCertsFolder, context));
        }
        var found = await Task.WhenAll(probes).ConfigureAwait(false);
        return [.. found.SelectMany(d => d)];
    }

    /// <summary>
    /// The same checks inside the project's base image (<c>godocker verify --in-container</c>): go version, go env, the CA
    /// bundle, and a real <c>go mod download</c> of the sample module with the build's network and Go environment.
    /// </summary>
    public static async Task<ContainerPreflightResult?> RunInContainerAsync(GoProjectSettings settings, Docker.DockerEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var module = SampleModule(settings.GoModFile);
        if (module is null)
        {
            return null;
        }
        var request = ContainerPreflightRequest.For(settings.Environment, settings.BaseImage, module.Path, module.Version) with
        {
            NetworkMode = settings.DockerNetwork.Length > 0 ? settings.DockerNetwork : "host",
            CaCertificateFiles = settings.CaCertificates,
        };
        var result = await new ContainerPreflight(endpoint).RunAsync(request, cancellationToken).ConfigureAwait(false);
        // The image is what GoBaseImage names (or the default for go.mod's go line): its fix is that property's line.
        var positions = ProjectDiagnosticPositions.For(settings);
        var imageLine = positions.Property(ProjectSettingCatalog.GoBaseImage.Name) ?? positions.ProjectFile();
        return result with
        {
            Diagnostics = [.. result.Diagnostics.Select(d => d.Location is null && d.Descriptor == Diagnostics.DiagnosticCatalog.BaseImageNotFound ? d.At(imageLine) : d)],
        };
    }

    /// <summary>The module verify asks every endpoint for: the first direct requirement, else the first at all.</summary>
    public static GoDocker.Core.Modules.ModuleVersion? SampleModule(string goModFile)
    {
        if (!File.Exists(goModFile))
        {
            return null;
        }
        try
        {
            var file = GoModFile.ParseLax(goModFile, File.ReadAllText(goModFile));
            var require = file.Require.FirstOrDefault(r => !r.Indirect) ?? file.Require.FirstOrDefault();
            return require?.Mod;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null; // go.mod errors are reported by the go.mod checks, with their positions.
        }
    }

    /// <summary>The Go version the base image's reference names (golang:1.24…), or null when it names none.</summary>
    public static string? ImageGoVersion(GoProjectSettings settings) =>
        ImageReference.TryParse(settings.BaseImage, out var image, out _) && BaseImageGoVersion.From(image) is { } go ? go.Version : null;

    /// <summary>The netrc the build mounts, read on the host so verify authenticates as the go command in the build will.</summary>
    private static Credentials.NetrcCredentials BuildNetrc(GoProjectSettings settings)
    {
        var text = settings.BuildSecrets.FirstOrDefault(s => s.Kind == GoBuildSecretKind.Netrc)?.ReadValue();
        // Sent exactly when the base image's go would send them: its release's netrc matching, and GOAUTH.
        var rules = Credentials.GoCredentialRules.For(settings);
        return (text is null ? Credentials.NetrcCredentials.None : Credentials.NetrcCredentials.Parse(text)).WithRules(rules);
    }
}
