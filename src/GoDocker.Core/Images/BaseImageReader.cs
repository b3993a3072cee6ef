using System.Formats.Tar;
using System.Text.Json;
using System.Text.Json.Nodes;
using CliWrap;
using CliWrap.Buffered;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Images;

/// <summary>
/// Gets the runtime image's config and layers: none for scratch; from the local engine (<c>docker save</c>) when
/// it has the image, as after a pull or a local build; else from its registry, whose gzip blobs are reused as they are,
/// so the pushed layers keep the digests the registry already knows.
/// </summary>
public sealed class BaseImageReader(string dockerPath, Func<string, RegistryClient> registryFor)
{
    public async Task<BaseImage> ReadAsync(ImageReference image, string platform, SourceLocation? location, IOperationLog log, CancellationToken cancellationToken)
    {
        var (os, architecture) = SplitPlatform(platform);
        if (image.IsScratch)
        {
            return new BaseImage(null, [], os, architecture);
        }
        var name = image.ToString();
        var inspect = await Cli.Wrap(dockerPath).WithArguments(["image", "inspect", "--format", "{{.Id}}", name])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken).ConfigureAwait(false);
        if (inspect.ExitCode == 0)
        {
            log.Detail($"Reading the runtime image {name} from the local engine (docker save).");
            var local = await SaveAsync(name, location, cancellationToken).ConfigureAwait(false);
            if (local.Os != os || local.Architecture != architecture)
            {
                // The binary is built for the requested platform; a base of another one would not run it.
                throw new DiagnosticException(DiagnosticCatalog.RuntimeImageUnavailable.Create(location, name,
                    $"the local image is {local.Os}/{local.Architecture}, not {platform} (pull that platform with 'docker pull --platform {platform} {name}')"));
            }
            return local;
        }
        log.Detail($"The runtime image {name} is not in the local engine; reading it from its registry.");
        try
        {
            return await PullAsync(image, os, architecture, ImagePlatform.Parse(platform).Variant, cancellationToken).ConfigureAwait(false);
        }
        catch (DiagnosticException e)
        {
            throw new DiagnosticException(DiagnosticCatalog.RuntimeImageUnavailable.Create(location, name, e.Diagnostic.Message.TrimEnd('.')), e);
        }
    }

    public static (string Os, string Architecture) SplitPlatform(string platform)
    {
        var parts = platform.Split('/');
        return parts.Length >= 2 ? (parts[0], parts[1]) : ("linux", "amd64");
    }

    private async Task<BaseImage> SaveAsync(string name, SourceLocation? location, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetTempPath(), "godocker-save-" + Guid.NewGuid().ToString("N") + ".tar");
        try
        {
            var save = await Cli.Wrap(dockerPath).WithArguments(["save", "--output", file, name])
                .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken).ConfigureAwait(false);
            if (save.ExitCode != 0)
            {
                throw new DiagnosticException(DiagnosticCatalog.RuntimeImageUnavailable.Create(location, name, "docker save failed: " + save.StandardError.Trim()));
            }
            var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            await using (var stream = File.OpenRead(file))
            {
                using var reader = new TarReader(stream);
                while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                {
                    if (entry.DataStream is null || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                    {
                        continue;
                    }
                    using var content = new MemoryStream();
                    await entry.DataStream.CopyToAsync(content, cancellationToken).ConfigureAwait(false);
                    entries[entry.Name.TrimStart('.', '/')] = content.ToArray();
                }
            }
            var manifest = JsonNode.Parse(entries["manifest.json"])!.AsArray()[0]!;
            var config = JsonNode.Parse(entries[manifest["Config"]!.GetValue<string>()])!.AsObject();
            var layers = manifest["Layers"]!.AsArray().Select(l => entries[l!.GetValue<string>()])
                .Select(bytes => IsGzip(bytes) ? new ImageLayer(bytes, LayerWriter.Decompress(bytes)) : LayerWriter.FromTar(bytes)).ToList();
            return new BaseImage(config, layers, Text(config, "os") ?? "linux", Text(config, "architecture") ?? "amd64");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<BaseImage> PullAsync(ImageReference image, string os, string architecture, string? variant, CancellationToken cancellationToken)
    {
        var (registry, repository) = RegistryLocation(image);
        var client = registryFor(registry);
        var (content, mediaType) = await client.GetManifestAsync(repository, image.Digest ?? image.Tag ?? "latest", cancellationToken).ConfigureAwait(false);
        var manifest = JsonNode.Parse(content)!.AsObject();
        if (mediaType is ImageMediaTypes.ManifestList or ImageMediaTypes.OciIndex || manifest["manifests"] is JsonArray)
        {
            // linux/arm/v6 and linux/arm/v7 are different images under one architecture; without a variant, the first.
            var chosen = manifest["manifests"]!.AsArray().FirstOrDefault(m =>
                Text(m?["platform"], "os") == os && Text(m?["platform"], "architecture") == architecture
                && (variant is null || Text(m?["platform"], "variant") is not { } given || given == variant))
                ?? throw new DiagnosticException(DiagnosticCatalog.RuntimeImageUnavailable.Create(image.ToString(),
                    $"it has no {os}/{architecture}{(variant is null ? "" : "/" + variant)} image"));
            (content, _) = await client.GetManifestAsync(repository, Text(chosen, "digest")!, cancellationToken).ConfigureAwait(false);
            manifest = JsonNode.Parse(content)!.AsObject();
        }
        var configBytes = await client.GetBlobAsync(repository, Text(manifest["config"], "digest")!, cancellationToken).ConfigureAwait(false);
        var config = JsonNode.Parse(configBytes)!.AsObject();
        var layers = new List<ImageLayer>();
        foreach (var layer in manifest["layers"]!.AsArray())
        {
            var type = Text(layer, "mediaType") ?? "";
            if (!type.EndsWith("gzip", StringComparison.Ordinal))
            {
                throw new DiagnosticException(DiagnosticCatalog.RuntimeImageUnavailable.Create(image.ToString(), $"its layer type {type} is not gzip, the only one publish reuses"));
            }
            var blob = await client.GetBlobAsync(repository, Text(layer, "digest")!, cancellationToken).ConfigureAwait(false);
            layers.Add(new ImageLayer(blob, LayerWriter.Decompress(blob)));
        }
        return new BaseImage(config, layers, Text(config, "os") ?? os, Text(config, "architecture") ?? architecture);
    }

    /// <summary>Where an image lives: Docker Hub for a name without a registry, its official images under library/.</summary>
    public static (string Registry, string Repository) RegistryLocation(ImageReference image)
    {
        if (image.Domain is null or "docker.io" or "index.docker.io")
        {
            return ("registry-1.docker.io", image.Path.Contains('/') ? image.Path : "library/" + image.Path);
        }
        return (image.Domain, image.Path);
    }

    private static bool IsGzip(byte[] bytes) => bytes.Length > 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;

    private static string? Text(JsonNode? node, string name) =>
        node?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
