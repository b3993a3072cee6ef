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

        if (settings.PlatformList.Platforms.Length > 1)
        {
            return Failed(DiagnosticCatalog.MultiPlatformPublishUnsupported.Create(positions.Property(ProjectSettingCatalog.GoPlatforms.Name),
                settings.PlatformList.Platforms.Length, settings.Platforms));
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
            var binaryFolder = Path.Combine(Path.GetDirectoryName(settings.DockerfilePath)!, "publish", "binary");
            var binary = await BuildBinaryAsync(cli, settings, binaryFolder, request.GatewayAssembly, log, cancellationToken).ConfigureAwait(false);
            if (binary.Diagnostics.Length > 0)
            {
                return new PublishResult(binary.Diagnostics);
            }

            var platform = settings.PlatformList.Platforms.FirstOrDefault() ?? await EnginePlatformAsync(cli, cancellationToken).ConfigureAwait(false);
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
                var baseImage = await new BaseImageReader(cli.Path, r => ClientFor(r, runtimeLocation))
                    .ReadAsync(runtimeImage, platform, runtimeLocation, log, cancellationToken).ConfigureAwait(false);

                var layer = LayerWriter.Write([(DockerfileWriter.ImageBinary, binary.Content!)], epoch.Value);
                var labels = await ImageLabels.ComputeAsync(settings.ProjectDirectory, request.Version, epochSet ? epoch : null, cancellationToken).ConfigureAwait(false);
                foreach (var (key, value) in publish.Labels)
                {
                    labels[key] = value;
                }
                var config = ImageConfigWriter.Write(baseImage.Config, baseImage.DiffIds, layer, new ImageConfigChanges
                {
                    Entrypoint = [DockerfileWriter.ImageBinary],
                    User = DockerfileWriter.RuntimeUser,
                    Labels = labels,
                    Created = epoch.Value,
                    Os = baseImage.Config is null ? BaseImageReader.SplitPlatform(platform).Os : baseImage.Os,
                    Architecture = baseImage.Config is null ? BaseImageReader.SplitPlatform(platform).Architecture : baseImage.Architecture,
                });
                var image = new ImageManifest(config, [.. baseImage.Layers, layer]);
                var tags = publish.EffectiveTags(request.Version);

                if (publish.Push)
                {
                    var client = ClientFor(publish.Registry, registryLocation);
                    var repository = publish.Repository;
                    log.Progress($"Pushing {publish.Registry}/{repository} ({image.Layers.Count} layers) to {publish.Registry}.");
                    await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
                    foreach (var blob in image.Layers)
                    {
                        await client.PushBlobAsync(repository, blob.Digest, blob.Compressed, cancellationToken).ConfigureAwait(false);
                    }
                    await client.PushBlobAsync(repository, image.ConfigDigest, image.Config, cancellationToken).ConfigureAwait(false);
                    foreach (var tag in tags)
                    {
                        await client.PushManifestAsync(repository, tag, image.Bytes, ImageMediaTypes.Manifest, cancellationToken).ConfigureAwait(false);
                    }
                    var pushed = $"{publish.Registry}/{repository}@{image.Digest}";
                    return Done(image, [.. tags.Select(t => $"{publish.Registry}/{repository}:{t}")], "registry") with { PushedReference = pushed };
                }

                var names = tags.Select(t => (publish.Registry.Length > 0 ? publish.Registry + "/" : "") + publish.Repository + ":" + t).ToImmutableArray();
                if (publish.ArchiveOutputPath.Length > 0)
                {
                    await using (var file = File.Create(publish.ArchiveOutputPath))
                    {
                        ImageArchiveWriter.Write(file, image, names, epoch.Value);
                    }
                    log.Progress($"Wrote {string.Join(", ", names)} to {publish.ArchiveOutputPath}.");
                    return Done(image, names, "archive") with { ArchivePath = publish.ArchiveOutputPath };
                }

                await EngineImageLoader.LoadAsync(cli.Path, image, names, epoch.Value, SourceLocation.Of(positions.ProjectPath), cancellationToken).ConfigureAwait(false);
                var engineName = cli.IsPodman ? "podman" : "the Docker engine";
                log.Progress($"Loaded {string.Join(", ", names)} into {engineName}.");
                return Done(image, names, "engine") with { LoadedInto = engineName };
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

    private static PublishResult Done(ImageManifest image, ImmutableArray<string> names, string destination) =>
        new([]) { Digest = image.Digest, ImageId = image.ConfigDigest, References = names, Destination = destination };

    private static PublishResult Failed(Diagnostic diagnostic) => new([diagnostic]);

    private sealed record BuiltBinary(byte[]? Content, ImmutableArray<Diagnostic> Diagnostics);

    private static async Task<BuiltBinary> BuildBinaryAsync(DockerCli cli, GoProjectSettings settings, string folder, string? gatewayAssembly, IOperationLog log, CancellationToken cancellationToken)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        var command = DockerBuildCommand.For(settings, settings.DockerfilePath)
            .WithTarget(DockerfileWriter.BinaryStage).WithLocalOutput(folder).WithProgress("plain");
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
