using System.Formats.Tar;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GoDocker.Core.Images;
using GoDocker.Core.Tests.Images;
using GoDocker.Sdk.Tests.Infrastructure;

namespace GoDocker.Sdk.Tests;

/// <summary>
/// Real `dotnet publish` of a .goproj with two GoPlatforms against the packed SDK, Docker 20.10's built-in BuildKit
/// (no QEMU: Go cross-compiles) and the real distribution registry; the index is read back over HTTP.
/// </summary>
public sealed partial class MultiPlatformPublishEndToEndTests(SdkPackages packages)
{
    private const string Epoch = "1700000000";

    [Fact]
    public async Task Two_platforms_push_a_reproducible_index_with_an_arm64_binary_and_an_amd64_image_that_runs()
    {
        Requirements.Docker();
        using var registry = TestRegistry.StartPlain();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        using var project = await TestGoProject.CreateAsync(packages, TestGoProject.LocalDockerSettings(proxy.Url,
            ("Version", "1.0.0"), ("GoImageRepository", "e2e/multi"), ("GoImageRegistry", registry.Address),
            ("GoRuntimeImage", "scratch"), ("GoPlatforms", "linux/amd64,linux/arm64")), dependency, proxy);

        var first = await PublishAsync(project);

        Assert.True(first.ExitCode == 0, first.ToString());
        var digest = Digest(first);
        Assert.Contains($"{registry.Address}/e2e/multi:1.0.0", first.Output);

        using var http = new HttpClient { BaseAddress = new Uri($"http://{registry.Address}/v2/e2e/multi/") };
        var (indexBytes, indexType) = await GetManifestAsync(http, "1.0.0");
        Assert.Equal(ImageMediaTypes.OciIndex, indexType);
        Assert.Equal(digest, ImageDigest.Of(indexBytes));
        var manifests = JsonNode.Parse(indexBytes)!["manifests"]!.AsArray();
        Assert.Equal(["linux/amd64", "linux/arm64"], manifests.Select(m => $"{m!["platform"]!["os"]}/{m["platform"]!["architecture"]}"));
        Assert.Contains($"linux/arm64 {manifests[1]!["digest"]}", first.Output);

        // The arm64 image's last layer holds /app, an AArch64 ELF: cross-compiled on this amd64 machine.
        var (armBytes, _) = await GetManifestAsync(http, (string)manifests[1]!["digest"]!);
        var armManifest = JsonNode.Parse(armBytes)!;
        var armConfig = JsonNode.Parse(await http.GetByteArrayAsync($"blobs/{armManifest["config"]!["digest"]}", TestContext.Current.CancellationToken))!;
        Assert.Equal("arm64", (string?)armConfig["architecture"]);
        var layer = await http.GetByteArrayAsync($"blobs/{armManifest["layers"]!.AsArray().Last()!["digest"]}", TestContext.Current.CancellationToken);
        var binary = FileInLayer(LayerWriter.Decompress(layer), "app");
        Assert.Equal("\u007fELF"u8.ToArray(), binary[..4]);
        Assert.Equal(0xB7, BitConverter.ToUInt16(binary, 18)); // e_machine EM_AARCH64

        // The engine pulls the index by digest, takes the amd64 image and runs it.
        var reference = $"{registry.Address}/e2e/multi@{digest}";
        try
        {
            var pull = await TestDocker.RunAsync(["pull", reference], project.Directory);
            Assert.True(pull.ExitCode == 0, pull.ToString());
            var run = await TestDocker.RunAsync(["run", "--rm", "--network", "none", reference], project.Directory);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("hello, docker", run.Output);
            var platform = await TestDocker.RunAsync(["image", "inspect", "--format", "{{.Os}}/{{.Architecture}}", reference], project.Directory);
            Assert.Equal("linux/amd64\n", platform.Output);

            // Again from a clean obj folder: the same sources and SOURCE_DATE_EPOCH give the same index digest.
            Directory.Delete(project.Path("obj"), recursive: true);
            var second = await PublishAsync(project, "-p:GoImageTags=again");
            Assert.True(second.ExitCode == 0, second.ToString());
            Assert.Equal(digest, Digest(second));

            // Written to a file instead: an OCI layout whose index.json names the same index, with every blob in it.
            var archive = await PublishAsync(project, "-p:GoImagePush=false", "-p:GoImageArchiveOutputPath=multi.tar");
            Assert.True(archive.ExitCode == 0, archive.ToString());
            Assert.Contains($"digest {digest}", archive.Output);
            var entries = TarEntries(File.ReadAllBytes(project.Path("multi.tar")));
            Assert.DoesNotContain("manifest.json", entries.Keys);
            var top = JsonNode.Parse(entries["index.json"])!["manifests"]!.AsArray();
            Assert.Equal(digest, (string?)top[0]!["digest"]);
            Assert.Equal(indexBytes, entries["blobs/sha256/" + ImageDigest.Hex(digest)]);
            Assert.Equal(armBytes, entries["blobs/sha256/" + ImageDigest.Hex((string)manifests[1]!["digest"]!)]);
        }
        finally
        {
            await TestDocker.RemoveImagesAsync(project.Directory, reference);
        }
    }

    [Fact]
    public async Task Two_platforms_loaded_into_the_engine_are_GD5050_at_the_GoPlatforms_line()
    {
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        using var project = await TestGoProject.CreateAsync(packages, TestGoProject.LocalDockerSettings(proxy.Url,
            ("GoImageRepository", "e2e/multi-engine"), ("GoRuntimeImage", "scratch"), ("GoPlatforms", "linux/amd64,linux/arm64")), dependency, proxy);
        var platformsLine = Array.FindIndex(File.ReadAllLines(project.ProjectPath), l => l.Contains("<GoPlatforms>")) + 1;

        var publish = await PublishAsync(project);

        Assert.NotEqual(0, publish.ExitCode);
        var error = publish.SingleError();
        Assert.Equal("GD5050", error.Code);
        Assert.Equal(project.ProjectPath, error.File);
        Assert.Equal(platformsLine, error.Line);
        Assert.Contains("GoImageRegistry", error.Message);
        Assert.DoesNotContain("Building the binary", publish.Output);
    }

    [Fact]
    public async Task The_tool_writes_the_same_multi_platform_archive_as_dotnet_publish_and_prints_each_platform()
    {
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        using var project = await TestGoProject.CreateAsync(packages, TestGoProject.LocalDockerSettings(proxy.Url,
            ("Version", "3.0.0"), ("GoImageRepository", "e2e/multi-tool"), ("GoRuntimeImage", "scratch"),
            ("GoPlatforms", "linux/amd64,linux/arm64"), ("GoImageArchiveOutputPath", "image.tar")), dependency, proxy);
        var environment = new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = Epoch };
        await project.InstallToolAsync();

        var tool = await project.DotnetAsync(environment, "tool", "run", "godocker", "publish");

        Assert.True(tool.ExitCode == 0, tool.ToString());
        var toolArchive = File.ReadAllBytes(project.Path("image.tar"));
        var lines = tool.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var toolDigest = lines.Last(l => l.StartsWith("sha256:", StringComparison.Ordinal));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"linux/amd64 sha256:[0-9a-f]{64}$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"linux/arm64 sha256:[0-9a-f]{64}$"));
        var index = JsonNode.Parse(TarEntries(toolArchive)["index.json"])!["manifests"]!.AsArray();
        Assert.Equal(toolDigest, (string?)index[0]!["digest"]);
        File.Delete(project.Path("image.tar"));

        var msbuild = await project.DotnetAsync(environment, "publish", project.ProjectPath, "-nodeReuse:false", "-v:n");

        Assert.True(msbuild.ExitCode == 0, msbuild.ToString());
        Assert.Contains($"written to {project.Path("image.tar")} as e2e/multi-tool:3.0.0, e2e/multi-tool:latest; digest {toolDigest}", msbuild.Output);
        Assert.Equal(toolArchive, File.ReadAllBytes(project.Path("image.tar")));
    }

    private static Task<BuildRun> PublishAsync(TestGoProject project, params string[] extra) =>
        project.DotnetAsync(new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = Epoch },
            ["publish", project.ProjectPath, "-nodeReuse:false", "-v:n", .. extra]);

    private static async Task<(byte[] Content, string MediaType)> GetManifestAsync(HttpClient http, string reference)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"manifests/{reference}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ImageMediaTypes.OciIndex));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ImageMediaTypes.Manifest));
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET manifests/{reference}: {response.StatusCode}");
        return (await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), response.Content.Headers.ContentType?.MediaType ?? "");
    }

    private static byte[] FileInLayer(byte[] tar, string name) =>
        TarEntries(tar).TryGetValue(name, out var content) ? content : throw new InvalidOperationException($"the layer has no {name}");

    private static Dictionary<string, byte[]> TarEntries(byte[] tar)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.DataStream is not null)
            {
                using var content = new MemoryStream();
                entry.DataStream.CopyTo(content);
                entries[entry.Name.TrimStart('.', '/')] = content.ToArray();
            }
        }
        return entries;
    }

    private static string Digest(BuildRun run)
    {
        var match = DigestLine().Match(run.Output);
        Assert.True(match.Success, "no digest printed: " + run);
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"GoDocker: image pushed .*; digest (sha256:[0-9a-f]{64})")]
    private static partial Regex DigestLine();
}
