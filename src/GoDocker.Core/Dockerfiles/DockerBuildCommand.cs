using System.Collections.Immutable;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Docker;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Dockerfiles;

/// <summary>
/// The <c>docker build</c> command line for a generated Dockerfile, as an immutable value: each <c>With…</c> returns
/// a changed copy. <see cref="Arguments"/> is what a runner passes to the docker CLI; <see cref="ToString"/> is the
/// same command shell-quoted for people (<c>godocker dockerfile --print-build-command</c>).
/// Secrets appear only as their id and source (a file path or an environment variable name), never their value.
/// </summary>
public sealed record DockerBuildCommand
{
    public required string DockerfilePath { get; init; }
    public required string ContextDirectory { get; init; }
    public string? Target { get; init; }
    public string? Network { get; init; }

    /// <summary>The buildx builder (<c>--builder</c>), from GoDockerBuilder; needs a CLI with buildx.</summary>
    public string? Builder { get; init; }
    public SourceLocation? BuilderLocation { get; init; }
    public string? Tag { get; init; }
    public string? Progress { get; init; }

    /// <summary><c>--output</c>, such as <c>type=local,dest=DIR</c>: the target stage's files instead of an image.</summary>
    public string? Output { get; init; }
    public ImmutableArray<string> Platforms { get; init; } = [];
    public ImmutableArray<GoBuildSecret> Secrets { get; init; } = [];

    /// <summary>Layer caches to import (GoDockerCacheFrom) and the one to export (GoDockerCacheTo), with where the project sets them.</summary>
    public ImmutableArray<DockerCacheSpec> CacheFrom { get; init; } = [];
    public DockerCacheSpec? CacheTo { get; init; }
    public SourceLocation? CacheFromLocation { get; init; }
    public SourceLocation? CacheToLocation { get; init; }

    /// <summary>
    /// The URL of the gateway the build runs (GoModCacheMode=Gateway), handed to the deps stage as a secret from the
    /// environment variable <see cref="GatewayVariable"/>, so that its port is not part of the layer's cache key.
    /// </summary>
    public string? GatewayUrl { get; init; }
    public const string GatewayVariable = "GODOCKER_GOPROXY";

    /// <summary>Forward the host's SSH agent (<c>--ssh default</c>); set when an SSH secret is configured.</summary>
    public bool ForwardSshAgent { get; init; }

    /// <summary>The command for a project's Dockerfile: its context, secrets, network and platforms.</summary>
    public static DockerBuildCommand For(GoProjectSettings settings, string dockerfilePath) => new()
    {
        DockerfilePath = dockerfilePath,
        ContextDirectory = settings.DockerContext,
        // The Gateway mode's gateway listens on the host's loopback.
        Network = settings.DockerNetwork.Length > 0 ? settings.DockerNetwork : settings.ModCache.Mode == GoModCacheMode.Gateway ? "host" : null,
        Builder = settings.DockerBuilder.Length == 0 ? null : settings.DockerBuilder,
        BuilderLocation = settings.Positions.Property(ProjectSettingCatalog.GoDockerBuilder.Name),
        Platforms = settings.PlatformList.Platforms,
        Secrets = settings.BuildSecrets.Where(s => s.Kind != GoBuildSecretKind.Ssh).ToImmutableArray(),
        ForwardSshAgent = settings.BuildSecrets.Any(s => s.Kind == GoBuildSecretKind.Ssh),
        CacheFrom = settings.ModCache.CacheFrom,
        CacheTo = settings.ModCache.CacheTo,
        CacheFromLocation = settings.Positions.Property(ProjectSettingCatalog.GoDockerCacheFrom.Name),
        CacheToLocation = settings.Positions.Property(ProjectSettingCatalog.GoDockerCacheTo.Name),
    };

    /// <summary>The deps stage downloads through the gateway at <paramref name="url"/> (null: no gateway runs).</summary>
    public DockerBuildCommand WithGateway(string? url) => this with { GatewayUrl = url };

    /// <summary>The environment the docker CLI needs besides BuildKit's: the gateway's URL for its secret.</summary>
    public IReadOnlyDictionary<string, string?>? ProcessEnvironment =>
        GatewayUrl is null ? null : new Dictionary<string, string?> { [GatewayVariable] = GatewayUrl };

    /// <summary>The download stage as the SDK runs it: the deps target with plain progress, which the log streams and the classifier reads.</summary>
    public static DockerBuildCommand ForDownloadStage(GoProjectSettings settings, string dockerfilePath) =>
        For(settings, dockerfilePath).ForDownload().WithProgress("plain");

    public DockerBuildCommand WithTarget(string? target) => this with { Target = target };

    /// <summary>
    /// The fail-fast module download: <c>--target deps</c> on the build machine's platform. Module sources do not
    /// depend on the target platform and the cache mount is shared, so one run warms every platform's build; and the
    /// Docker CLI without buildx refuses several platforms at once (<c>"amd64,linux" is an invalid component</c>).
    /// </summary>
    public DockerBuildCommand ForDownload() => WithTarget(DockerfileWriter.DepsStage) with { Platforms = [] };

    /// <summary>
    /// The test run: the test-results stage on the build machine's platform (tests run where they were compiled),
    /// exported to a folder.
    /// </summary>
    public DockerBuildCommand ForTestResults(string outputDirectory) =>
        WithTarget(DockerfileWriter.TestResultsStage).WithLocalOutput(outputDirectory) with { Platforms = [] };

    public DockerBuildCommand WithNetwork(string? network) => this with { Network = network };

    public DockerBuildCommand WithBuilder(string? builder) => this with { Builder = builder };

    public DockerBuildCommand WithTag(string? tag) => this with { Tag = tag };

    /// <summary>The target stage's files into a folder (<c>--output type=local</c>), as publish takes the binary.</summary>
    public DockerBuildCommand WithLocalOutput(string folder) => this with { Output = CsvField("type=local,dest=" + folder) };

    public DockerBuildCommand WithProgress(string? progress) => this with { Progress = progress };

    public DockerBuildCommand WithPlatforms(IEnumerable<string> platforms) => this with { Platforms = platforms.ToImmutableArray() };

    public DockerBuildCommand WithSecret(GoBuildSecret secret) =>
        secret.Kind == GoBuildSecretKind.Ssh ? this with { ForwardSshAgent = true } : this with { Secrets = Secrets.Add(secret) };

    public DockerBuildCommand WithSshAgent(bool forward = true) => this with { ForwardSshAgent = forward };

    /// <summary>The arguments after <c>docker</c>, starting with <c>build</c>.</summary>
    public ImmutableArray<string> Arguments
    {
        get
        {
            var args = ImmutableArray.CreateBuilder<string>();
            args.Add("build");
            if (Builder is not null)
            {
                args.Add("--builder");
                args.Add(Builder);
            }
            args.Add("--file");
            args.Add(DockerfilePath);
            if (Target is not null)
            {
                args.Add("--target");
                args.Add(Target);
            }
            if (Network is not null)
            {
                args.Add("--network");
                args.Add(Network);
            }
            if (!Platforms.IsEmpty)
            {
                args.Add("--platform");
                args.Add(string.Join(',', Platforms));
            }
            foreach (var secret in Secrets)
            {
                args.Add("--secret");
                args.Add(CsvField(secret.File is not null ? $"id={secret.Id},src={secret.File}" : $"id={secret.Id},env={secret.Env}"));
            }
            if (GatewayUrl is not null)
            {
                args.Add("--secret");
                args.Add($"id={DockerfileWriter.GatewaySecretId},env={GatewayVariable}");
            }
            if (ForwardSshAgent)
            {
                args.Add("--ssh");
                args.Add("default");
            }
            if (Progress is not null)
            {
                args.Add("--progress");
                args.Add(Progress);
            }
            if (Output is not null)
            {
                args.Add("--output");
                args.Add(Output);
            }
            foreach (var from in CacheFrom)
            {
                args.Add("--cache-from");
                args.Add(from.Text);
            }
            if (CacheTo is not null)
            {
                args.Add("--cache-to");
                args.Add(CacheTo.Text);
            }
            if (Tag is not null)
            {
                args.Add("--tag");
                args.Add(Tag);
            }
            args.Add(ContextDirectory);
            return args.ToImmutable();
        }
    }

    /// <summary>The arguments after the CLI's build word (<c>build</c>, or <c>buildx build</c>), as buildx takes them.</summary>
    public ImmutableArray<string> BuildArguments => Arguments.RemoveAt(0);

    /// <summary>
    /// The arguments after <paramref name="cli"/>'s build word. docker build's built-in BuildKit (no buildx) has no
    /// --cache-to and imports only images: an image reference goes to --cache-from as it is, type=inline becomes
    /// BUILDKIT_INLINE_CACHE=1, and any other cache is GD5070 here rather than an unknown-flag error from docker.
    /// </summary>
    public ImmutableArray<string> BuildArgumentsFor(DockerCli cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        if (cli.IsPodman)
        {
            return PodmanArguments(cli);
        }
        if (cli.UsesBuildx || (CacheFrom.IsEmpty && CacheTo is null))
        {
            return BuildArguments;
        }
        var plain = this with { CacheFrom = [], CacheTo = null };
        var args = plain.BuildArguments.ToBuilder();
        var extra = new List<string>();
        foreach (var from in CacheFrom)
        {
            if (from.Type != "registry" || from.Attributes.Count != 1)
            {
                throw Unsupported(cli, ProjectSettingCatalog.GoDockerCacheFrom.Name, from, CacheFromLocation, from.Reference is { } image ? image : "type=registry,ref=IMAGE");
            }
            extra.Add("--cache-from");
            extra.Add(from.Reference!);
        }
        if (CacheTo is not null)
        {
            if (CacheTo.Type != "inline" && !IsPlainRegistryCache(CacheTo))
            {
                throw Unsupported(cli, ProjectSettingCatalog.GoDockerCacheTo.Name, CacheTo, CacheToLocation, "type=registry,ref=IMAGE' or 'type=inline");
            }
            extra.Add("--build-arg");
            extra.Add("BUILDKIT_INLINE_CACHE=1");
            if (InlineCacheImageFor(cli) is { } image)
            {
                extra.Add("--tag");
                extra.Add(image);
            }
        }
        args.InsertRange(args.Count - 1, extra); // before the context, which stays last
        return args.ToImmutable();
    }

    /// <summary>
    /// The image a docker CLI without buildx tags the deps stage as, and pushes, to export GoDockerCacheTo's
    /// type=registry,ref=IMAGE: its built-in BuildKit has no cache exporter, but an image built with
    /// BUILDKIT_INLINE_CACHE=1 carries the same cache, which the next run's GoDockerCacheFrom=IMAGE imports. Null for
    /// buildx (which exports it itself), podman, other caches and the other stages.
    /// </summary>
    public string? InlineCacheImageFor(DockerCli cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        return !cli.IsPodman && !cli.UsesBuildx && Target == DockerfileWriter.DepsStage && CacheTo is { } to && IsPlainRegistryCache(to) ? to.Reference : null;
    }

    // Options such as mode=max or oci-mediatypes need buildx's exporter; an inline cache has none of them.
    private static bool IsPlainRegistryCache(DockerCacheSpec spec) => spec.Type == "registry" && spec.Attributes.Count == 1 && spec.Reference is not null;

    /// <summary>
    /// podman build (Buildah) takes the same Dockerfile and the same --target, --network, --platform, --secret (src=
    /// and env=), --ssh and --output type=local; it has no --progress (its output is always plain), no buildx
    /// builders and no BuildKit cache backends, so those settings are GD5021 at their line rather than a podman usage error.
    /// </summary>
    private ImmutableArray<string> PodmanArguments(DockerCli cli)
    {
        if (Builder is not null)
        {
            throw new DiagnosticException(DiagnosticCatalog.PodmanOptionUnsupported.Create(BuilderLocation,
                ProjectSettingCatalog.GoDockerBuilder.Name, Builder, cli.ToString(), "no buildx builders (Buildah builds in the podman process)"));
        }
        if (!CacheFrom.IsEmpty)
        {
            throw new DiagnosticException(DiagnosticCatalog.PodmanOptionUnsupported.Create(CacheFromLocation,
                ProjectSettingCatalog.GoDockerCacheFrom.Name, string.Join(";", CacheFrom.Select(c => c.Text)), cli.ToString(), "no BuildKit cache backends"));
        }
        if (CacheTo is not null)
        {
            throw new DiagnosticException(DiagnosticCatalog.PodmanOptionUnsupported.Create(CacheToLocation,
                ProjectSettingCatalog.GoDockerCacheTo.Name, CacheTo.Text, cli.ToString(), "no BuildKit cache backends"));
        }
        return (this with { Progress = null }).BuildArguments;
    }

    private static DiagnosticException Unsupported(DockerCli cli, string property, DockerCacheSpec spec, SourceLocation? location, string instead)
    {
        var needs = spec.Type == "registry" ? "a registry cache with options (" + string.Join(",", spec.Attributes.Keys) + ")" : $"the '{spec.Type}' cache backend";
        return new DiagnosticException(DiagnosticCatalog.DockerCacheUnsupported.Create(location, property, spec.Text, needs, cli.ToString(), instead));
    }

    /// <summary>Environment the docker CLI needs: BuildKit, which RUN --mount requires.</summary>
    public static IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string> { ["DOCKER_BUILDKIT"] = "1" };

    public override string ToString() => "DOCKER_BUILDKIT=1 docker " + ShellWord.Join(Arguments);

    /// <summary>The command as <paramref name="cli"/> runs it, shell-quoted for a log.</summary>
    public string ToString(DockerCli cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var environment = string.Concat(cli.Environment.Select(e => e.Key + "=" + e.Value + " "));
        return environment + ShellWord.Join([cli.Path, .. cli.BuildCommand, .. BuildArgumentsFor(cli)]);
    }

    // docker parses --secret as one CSV record; a path holding a comma or quote must be a quoted field.
    private static string CsvField(string spec)
    {
        var comma = spec.IndexOf(',');
        var head = spec[..comma];
        var source = spec[(comma + 1)..];
        return source.IndexOfAny([',', '"']) >= 0 ? head + ",\"" + source.Replace("\"", "\"\"") + "\"" : spec;
    }
}
