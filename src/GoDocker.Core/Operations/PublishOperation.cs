using System.Collections.Immutable;
using CliWrap;
using CliWrap.Buffered;
using GoDocker.Core.BuildGateways;
using GoDocker.Core.Classification;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Docker;
using GoDocker.Core.Dockerfiles;
using GoDocker.Core.Images;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Operations;

/// <summary>
/// Publish, as `dotnet publish` (GoDockerPublish) and `godocker publish` both run it. BuildKit compiles the Dockerfile's
/// binary stage into a folder (<c>--output type=local</c>); the tool then writes the image itself (a deterministic
/// layer over the runtime image's layers, the config and the manifest), as ko and Microsoft.NET.Build.Containers do,
/// so the digest depends on the binary, the runtime image and SOURCE_DATE_EPOCH only, whatever the engine's version.
/// The image is loaded into the local engine, pushed to GoImageRegistry, or written to GoImageArchiveOutputPath.
/// </summary>
public static class PublishOperation
{
    public static async Task<PublishResult> RunAsync(GoProject project, PublishRequest request, IOperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(request);
        if (project.HasErrors)
        {
            return new PublishResult(project.Diagnostics.Where(d => d.IsError).ToImmutableArray());
        }
        var settings = project.Settings;
        var publish = settings.Publish;
        var positions = settings.Positions;

        var platforms = settings.PlatformList.Platforms;
        if (platforms.Length > 1 && !publish.Push && publish.ArchiveOutputPath.Length == 0)
        {
            // Docker 20.10's engine keeps one platform per tag: loading would silently drop all but one.
            return Failed(DiagnosticCatalog.MultiPlatformPublishUnsupported.Create(positions.Property(ProjectSettingCatalog.GoPlatforms.Name),
                platforms.Length, settings.Platforms));
        }
        var epoch = LayerWriter.SourceDateEpoch(request.SourceDateEpoch, out var epochSet);
        if (epoch is null)
        {
            return Failed(DiagnosticCatalog.InvalidSourceDateEpoch.Create(SourceLocation.Of(positions.ProjectPath), request.SourceDateEpoch));
        }
        if (publish.Repository.Length == 0)
        {
            return Failed(DiagnosticCatalog.InvalidImageRepository.Create(positions.Property(ProjectSettingCatalog.GoImageRepository.Name), "", "it is empty"));
        }
        if (!ImageReference.TryParse(settings.RuntimeImage, out var runtimeImage, out _))
        {
            return Failed(DiagnosticCatalog.InvalidImageReference.Create(positions.Property(ProjectSettingCatalog.GoRuntimeImage.Name),
                ProjectSettingCatalog.GoRuntimeImage.Name, settings.RuntimeImage, "it cannot be parsed"));
        }

        try
        {
            var generated = await GenerateOperation.RunAsync(project, cancellationToken).ConfigureAwait(false);
            if (generated.Diagnostics.Any(d => d.IsError) || generated.Dockerfile is null)
            {
                return new PublishResult([.. generated.Diagnostics]);
            }

            var cli = await new ContainerEngineSelector().SelectAsync(settings, Path.GetDirectoryName(settings.DockerfilePath)!, cancellationToken).ConfigureAwait(false);
            if (await new BuildxBuilderProbe().CheckAsync(cli, settings, log.Detail, cancellationToken).ConfigureAwait(false) is { } builderProblem)
            {
                return new PublishResult([builderProblem]);
            }
            var publishFolder = Path.Combine(Path.GetDirectoryName(settings.DockerfilePath)!, "publish");

            var registryLocation = positions.Property(ProjectSettingCatalog.GoImageRegistry.Name);
            var credentials = new DockerConfigCredentials(request.GetEnvironment);
            var clients = new Dictionary<string, RegistryClient>(StringComparer.OrdinalIgnoreCase);
            try
            {
                RegistryClient ClientFor(string registry, SourceLocation? location)
                {
                    if (!clients.TryGetValue(registry, out var client))
                    {
                        var found = credentials.FindAsync(registry, cancellationToken).GetAwaiter().GetResult();
                        client = new RegistryClient(registry, new RegistryTrust(registry, settings.CaCertificates), found, credentials.ConfigPath, location);
                        clients[registry] = client;
                    }
                    return client;
                }

                var runtimeLocation = positions.Property(ProjectSettingCatalog.GoRuntimeImage.Name);
                var baseImages = new BaseImageReader(cli.Path, r => ClientFor(r, runtimeLocation));
                var labels = await ImageLabels.ComputeAsync(settings.ProjectDirectory, request.Version, epochSet ? epoch : null, cancellationToken).ConfigureAwait(false);
                foreach (var (key, value) in publish.Labels)
                {
                    labels[key] = value;
                }

                // One platform builds into publish/binary as before; several build one at a time, each into a folder of its own.
                var images = new List<(ImagePlatform Platform, ImageManifest Image)>();
                foreach (var target in platforms.Length > 1 ? platforms.Select(p => (string?)p) : [null])
                {
                    var binaryFolder = target is null ? Path.Combine(publishFolder, "binary") : Path.Combine(publishFolder, ImagePlatform.Parse(target).FolderName, "binary");
                    var binary = await BuildBinaryAsync(cli, settings, target, binaryFolder, request.GatewayAssembly, log, cancellationToken).ConfigureAwait(false);
                    if (binary.Diagnostics.Length > 0)
                    {
                        return new PublishResult(binary.Diagnostics);
                    }
                    var platformText = target ?? platforms.FirstOrDefault() ?? await EnginePlatformAsync(cli, cancellationToken).ConfigureAwait(false);
                    var platform = ImagePlatform.Parse(platformText);
                    if (ExecutableArchitecture.Of(binary.Content) is { } built && built != platform.Architecture)
                    {
                        return Failed(DiagnosticCatalog.PlatformNotBuildable.Create(positions.Property(ProjectSettingCatalog.GoPlatforms.Name), platformText,
                            $"the binary it built is {built}, not {platform.Architecture}, so the build stage ran on another platform and did not cross-compile"));
                    }
                    var baseImage = await baseImages.ReadAsync(runtimeImage, platformText, runtimeLocation, log, cancellationToken).ConfigureAwait(false);
                    var layer = LayerWriter.Write([(DockerfileWriter.ImageBinary, binary.Content!)], epoch.Value);
                    var config = ImageConfigWriter.Write(baseImage.Config, baseImage.DiffIds, layer, new ImageConfigChanges
                    {
                        Entrypoint = [DockerfileWriter.ImageBinary],
                        User = DockerfileWriter.RuntimeUser,
                        Labels = labels,
                        Created = epoch.Value,
                        Os = baseImage.Config is null ? platform.Os : baseImage.Os,
                        Architecture = baseImage.Config is null ? platform.Architecture : baseImage.Architecture,
                        Variant = platform.Variant,
                    });
                    images.Add((platform, new ImageManifest(config, [.. baseImage.Layers, layer])));
                }
                var index = images.Count > 1 ? new ImageIndex(images) : null;
                var image = images[0].Image;
                var tags = publish.EffectiveTags(request.Version);

                if (publish.Push)
                {
                    var client = ClientFor(publish.Registry, registryLocation);
                    var repository = publish.Repository;
                    log.Progress(index is null
                        ? $"Pushing {publish.Registry}/{repository} ({image.Layers.Count} layers) to {publish.Registry}."
                        : $"Pushing {publish.Registry}/{repository} for {string.Join(", ", images.Select(i => i.Platform))} to {publish.Registry}.");
                    await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
                    foreach (var (_, platformImage) in images)
                    {
                        foreach (var blob in platformImage.Layers)
                        {
                            await client.PushBlobAsync(repository, blob.Digest, blob.Compressed, cancellationToken).ConfigureAwait(false);
                        }
                        await client.PushBlobAsync(repository, platformImage.ConfigDigest, platformImage.Config, cancellationToken).ConfigureAwait(false);
                        if (index is not null)
                        {
                            // The registry accepts an index only once it has every manifest the index names.
                            await client.PushManifestAsync(repository, platformImage.Digest, platformImage.Bytes, ImageMediaTypes.Manifest, cancellationToken).ConfigureAwait(false);
                        }
                    }
                    foreach (var tag in tags)
                    {
                        if (index is null)
                        {
                            await client.PushManifestAsync(repository, tag, image.Bytes, ImageMediaTypes.Manifest, cancellationToken).ConfigureAwait(false);
                        }
                        else
                        {
                            await client.PushManifestAsync(repository, tag, index.Bytes, ImageMediaTypes.OciIndex, cancellationToken).ConfigureAwait(false);
                        }
                    }
                    var digest = index?.Digest ?? image.Digest;
                    return Done(image, index, [.. tags.Select(t => $"{publish.Registry}/{repository}:{t}")], "registry") with { PushedReference = $"{publish.Registry}/{repository}@{digest}" };
                }

                var names = tags.Select(t => (publish.Registry.Length > 0 ? publish.Registry + "/" : "") + publish.Repository + ":" + t).ToImmutableArray();
                if (publish.ArchiveOutputPath.Length > 0)
                {
                    await using (var file = File.Create(publish.ArchiveOutputPath))
                    {
                        if (index is null)
                        {
                            ImageArchiveWriter.Write(file, image, names, epoch.Value);
                        }
                        else
                        {
                            ImageArchiveWriter.Write(file, index, names, epoch.Value);
                        }
                    }
                    log.Progress($"Wrote {string.Join(", ", names)} to {publish.ArchiveOutputPath}.");
                    return Done(image, index, names, "archive") with { ArchivePath = publish.ArchiveOutputPath };
                }

                await EngineImageLoader.LoadAsync(cli.Path, image, names, epoch.Value, SourceLocation.Of(positions.ProjectPath), cancellationToken).ConfigureAwait(false);
                var engineName = cli.IsPodman ? "podman" : "the Docker engine";
                log.Progress($"Loaded {string.Join(", ", names)} into {engineName}.");
                return Done(image, null, names, "engine") with { LoadedInto = engineName };
            }
            finally
            {
                foreach (var client in clients.Values)
                {
                    client.Dispose();
                }
            }
        }
        catch (DiagnosticException e)
        {
            return Failed(e.Diagnostic);
        }
    }

    /// <summary>A multi-platform image's digest is its index's; it has no one image ID, so ImageId stays empty.</summary>
    private static PublishResult Done(ImageManifest image, ImageIndex? index, ImmutableArray<string> names, string destination) =>
        new([])
        {
            Digest = index?.Digest ?? image.Digest,
            ImageId = index is null ? image.ConfigDigest : "",
            PlatformDigests = index is null ? [] : [.. index.Images.Select(i => new PublishedPlatform(i.Platform.ToString(), i.Image.Digest))],
            References = names,
            Destination = destination,
        };

    private static PublishResult Failed(Diagnostic diagnostic) => new([diagnostic]);

    private sealed record BuiltBinary(byte[]? Content, ImmutableArray<Diagnostic> Diagnostics);

    /// <param name="platform">The one platform to build of several, else null: the build takes GoPlatforms (or the engine's) as it is.</param>
    private static async Task<BuiltBinary> BuildBinaryAsync(DockerCli cli, GoProjectSettings settings, string? platform, string folder, string? gatewayAssembly,
        IOperationLog log, CancellationToken cancellationToken)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        var command = DockerBuildCommand.For(settings, settings.DockerfilePath)
            .WithTarget(DockerfileWriter.BinaryStage).WithLocalOutput(folder).WithProgress("plain");
        if (platform is not null)
        {
            command = command.WithPlatforms([platform]);
        }
        log.Progress($"Building the binary: {command.ToString(cli)}");
        var result = await BuildGateway.AroundAsync(gatewayAssembly, settings, log,
            gateway => TestOperation.RunBuildAsync(cli, command.WithGateway(gateway), log, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            if (DockerEngineProbe.IsEngineUnreachable(result.Output))
            {
                var why = await new DockerEngineProbe(DockerEndpoint.FromEnvironment()).DiagnoseAsync(TimeSpan.FromSeconds(10), result.Output, cancellationToken).ConfigureAwait(false);
                return new BuiltBinary(null, [why]);
            }
            if (result.Output.Contains(ExecFormatError, StringComparison.Ordinal))
            {
                // A stage ran a program of the target platform, which this builder cannot run (no emulator).
                var target = platform ?? settings.PlatformList.Platforms.FirstOrDefault() ?? "the engine's platform";
                return new BuiltBinary(null, [DiagnosticCatalog.PlatformNotBuildable.Create(settings.Positions.Property(ProjectSettingCatalog.GoPlatforms.Name),
                    target, $"a build step failed with '{ExecFormatError}', because it runs programs built for {target} and the builder has no emulator for them")]);
            }
            if (result.Output.Split('\n').FirstOrDefault(l => l.Contains(UnsupportedPlatform, StringComparison.Ordinal)) is { } unsupported)
            {
                var target = platform ?? settings.PlatformList.Platforms.FirstOrDefault() ?? "the engine's platform";
                var at = unsupported.IndexOf("go: ", StringComparison.Ordinal);
                var goMessage = unsupported[Math.Max(at, 0)..].Trim();
                return new BuiltBinary(null, [DiagnosticCatalog.PlatformNotSupportedByGo.Create(settings.Positions.Property(ProjectSettingCatalog.GoPlatforms.Name),
                    target, goMessage)]);
            }
            var diagnostics = new ProjectOutputClassifier().Classify(result.Output, settings);
            return new BuiltBinary(null, diagnostics.Count > 0 ? [.. diagnostics]
                : [DiagnosticCatalog.DockerBuildFailed.Create(SourceLocation.Of(settings.ProjectPath), LastLines(result.Output))]);
        }
        var path = Path.Combine(folder, DockerfileWriter.BinaryFileName);
        if (!File.Exists(path))
        {
            return new BuiltBinary(null, [DiagnosticCatalog.BinaryNotBuilt.Create(SourceLocation.Of(settings.ProjectPath), path)]);
        }
        return new BuiltBinary(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), []);
    }

    private const string ExecFormatError = "exec format error";
    private const string UnsupportedPlatform = "unsupported GOOS/GOARCH pair";

    private static string LastLines(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" | ", lines.TakeLast(5));
    }

    private static async Task<string> EnginePlatformAsync(DockerCli cli, CancellationToken cancellationToken)
    {
        // Podman runs its builds in-process: its client's platform is the engine's.
        var version = await Cli.Wrap(cli.Path).WithArguments(["version", "--format", cli.IsPodman ? "{{.Client.OsArch}}" : "{{.Server.Os}}/{{.Server.Arch}}"])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken).ConfigureAwait(false);
        var text = version.StandardOutput.Trim();
        return version.ExitCode == 0 && text.Contains('/') ? text : "linux/amd64";
    }
}
