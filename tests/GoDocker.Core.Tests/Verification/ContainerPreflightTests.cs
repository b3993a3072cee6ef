using System.IO.Compression;
using System.Net;
using System.Text;
using GoDocker.Core.Docker;
using GoDocker.Core.Tests.Infrastructure;
using GoDocker.Core.Verification;

namespace GoDocker.Core.Tests.Verification;

/// <summary>
/// verify --in-container against the local test images: a real go mod download through an HTTPS module proxy on
/// 127.0.0.1 whose certificate comes from a test CA.
/// </summary>
public sealed class ContainerPreflightTests : IDisposable
{
    private const string Image = "godocker-test/golang:1.19";
    private const string ImageWithoutCertificates = "godocker-test/golang:1.19-nocerts";
    private const string Module = "example.com/hello";
    private readonly string directory = Directory.CreateTempSubdirectory("godocker-incontainer-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static LocalServer ModuleProxy(System.Security.Cryptography.X509Certificates.X509Certificate2 leaf)
    {
        var server = new LocalServer(path => path switch
        {
            $"/{Module}/@v/list" => (200, "v1.0.0\n"),
            $"/{Module}/@v/v1.0.0.info" => (200, """{"Version":"v1.0.0","Time":"2024-01-02T03:04:05Z"}"""),
            $"/{Module}/@v/v1.0.0.mod" => (200, $"module {Module}\n\ngo 1.19\n"),
            _ => (404, "not found\n"),
        }, leaf);
        server.Files[$"/{Module}/@v/v1.0.0.zip"] = ModuleZip();
        return server;
    }

    private static byte[] ModuleZip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string text)
            {
                using var writer = new StreamWriter(zip.CreateEntry($"{Module}@v1.0.0/{name}").Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
            Add("go.mod", $"module {Module}\n\ngo 1.19\n");
            Add("hello.go", "package hello\n\nfunc Hello() string { return \"hello\" }\n");
        }
        return buffer.ToArray();
    }

    private static ContainerPreflightRequest Request(string image, LocalServer proxy, params string[] caFiles) =>
        new(image, new Dictionary<string, string>
        {
            ["GOPROXY"] = proxy.Url().ToString().TrimEnd('/'),
            ["GOSUMDB"] = "off",
            ["GOFLAGS"] = "-mod=mod",
        }, Module, "v1.0.0")
        {
            CaCertificateFiles = caFiles,
            Timeout = TimeSpan.FromSeconds(90),
        };

    [Fact]
    public async Task Image_without_a_CA_bundle_is_named_as_the_cause()
    {
        await DockerRequirement.RequireImageAsync(ImageWithoutCertificates);
        using var root = TestCertificates.CreateRoot("GoDocker Container Test Root");
        using var leaf = TestCertificates.CreateLeaf(root, [], [IPAddress.Loopback]);
        await using var proxy = ModuleProxy(leaf);

        var result = await new ContainerPreflight(DockerEndpoint.FromEnvironment())
            .RunAsync(Request(ImageWithoutCertificates, proxy), TestContext.Current.CancellationToken);

        Assert.StartsWith("go version go1.19", result.GoVersion);
        Assert.Null(result.CaBundle);
        Assert.False(result.Downloaded, result.DownloadOutput);
        var missing = Assert.Single(result.Diagnostics, d => d.Code == "GD4009");
        Assert.Contains(ImageWithoutCertificates, missing.Message);
        Assert.Contains("x509", result.DownloadOutput);
        await AssertNoContainerLeftAsync();
    }

    [Fact]
    public async Task Image_with_a_bundle_and_the_CA_copied_in_downloads_the_module()
    {
        await DockerRequirement.RequireImageAsync(Image);
        using var root = TestCertificates.CreateRoot("GoDocker Container Test Root");
        using var leaf = TestCertificates.CreateLeaf(root, [], [IPAddress.Loopback]);
        await using var proxy = ModuleProxy(leaf);
        var ca = TestCertificates.WritePem(directory, "ca.pem", root);

        var result = await new ContainerPreflight(DockerEndpoint.FromEnvironment())
            .RunAsync(Request(Image, proxy, ca), TestContext.Current.CancellationToken);

        Assert.True(result.Downloaded, result.DownloadOutput + string.Join("\n", result.Diagnostics));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Equal("/etc/ssl/certs/ca-certificates.crt", result.CaBundle);
        Assert.Equal(proxy.Url().ToString().TrimEnd('/'), result.GoEnv["GOPROXY"]);
        Assert.Contains($"/{Module}/@v/v1.0.0.zip", proxy.Requests);
        await AssertNoContainerLeftAsync();
    }

    [Fact]
    public async Task An_image_whose_USER_is_not_root_reads_a_CA_file_only_its_owner_may_read_and_downloads_the_module()
    {
        const string nonRoot = "godocker-test/golang:1.19-nonroot";
        await DockerRequirement.RequireImageAsync(nonRoot);
        using var root = TestCertificates.CreateRoot("GoDocker Container Test Root");
        using var leaf = TestCertificates.CreateLeaf(root, [], [IPAddress.Loopback]);
        await using var proxy = ModuleProxy(leaf);
        var ca = TestCertificates.WritePem(directory, "private-ca.pem", root);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(ca, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var result = await new ContainerPreflight(DockerEndpoint.FromEnvironment())
            .RunAsync(Request(nonRoot, proxy, ca), TestContext.Current.CancellationToken);

        Assert.True(result.Downloaded, result.DownloadOutput + string.Join("\n", result.Diagnostics));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Contains($"/{Module}/@v/v1.0.0.zip", proxy.Requests);
        await AssertNoContainerLeftAsync();
    }

    [Fact]
    public async Task An_image_without_a_shell_is_one_GD5015_with_the_engines_words_and_nothing_is_left_behind()
    {
        await DockerRequirement.RequireImageAsync(Image);
        const string noShell = "godocker-test/noshell:1";
        using (var client = new DockerEngineProbe(DockerEndpoint.FromEnvironment()).CreateClient(TimeSpan.FromSeconds(30)))
        using (var rootfs = new MemoryStream())
        {
            // An image with one file and no /bin/sh, as a scratch or distroless base is.
            using (var tar = new System.Formats.Tar.TarWriter(rootfs, leaveOpen: true))
            {
                tar.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "hello.txt") { DataStream = new MemoryStream("hi\n"u8.ToArray()) });
            }
            rootfs.Position = 0;
            await client.Images.CreateImageAsync(new global::Docker.DotNet.Models.ImagesCreateParameters { FromSrc = "-", Repo = "godocker-test/noshell", Tag = "1" },
                rootfs, null, new Progress<global::Docker.DotNet.Models.JSONMessage>(), TestContext.Current.CancellationToken);
        }
        using var root = TestCertificates.CreateRoot("GoDocker Container Test Root");
        using var leaf = TestCertificates.CreateLeaf(root, [], [IPAddress.Loopback]);
        await using var proxy = ModuleProxy(leaf);

        var result = await new ContainerPreflight(DockerEndpoint.FromEnvironment())
            .RunAsync(Request(noShell, proxy), TestContext.Current.CancellationToken);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("GD5015", error.Code);
        Assert.Contains($"refused to start the verify --in-container check container from {noShell}: ", error.Message);
        Assert.Contains("/bin/sh", error.Message);
        Assert.DoesNotContain("{\"message\"", error.Message);
        await AssertNoContainerLeftAsync();
    }

    [Fact]
    public async Task Missing_image_is_reported_and_nothing_is_left_behind()
    {
        await DockerRequirement.RequireImageAsync(Image);
        var request = new ContainerPreflightRequest("godocker-test/does-not-exist:1", new Dictionary<string, string>(), Module, "v1.0.0");

        var result = await new ContainerPreflight(DockerEndpoint.FromEnvironment()).RunAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal("GD5003", Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public async Task A_missing_base_image_is_GD5003_at_the_GoBaseImage_line()
    {
        await DockerRequirement.RequireImageAsync(Image);
        var settings = ProjectNaming("<GoBaseImage>godocker-test/does-not-exist:1</GoBaseImage>");

        var result = await ProjectVerification.RunInContainerAsync(settings, DockerEndpoint.FromEnvironment(), TestContext.Current.CancellationToken);

        var missing = Assert.Single(result!.Diagnostics);
        Assert.Equal("GD5003", missing.Code);
        Assert.Equal(settings.ProjectPath, missing.Location?.File);
        Assert.Equal(4, missing.Location?.Line);
    }

    [Fact]
    public async Task A_missing_default_base_image_is_GD5003_at_the_project()
    {
        await DockerRequirement.RequireImageAsync(Image);
        // Set outside the project file (a default, Directory.Build.props): no line of the project to point at.
        var settings = ProjectNaming("", null, ("GoBaseImage", "godocker-test/does-not-exist:2"));

        var result = await ProjectVerification.RunInContainerAsync(settings, DockerEndpoint.FromEnvironment(), TestContext.Current.CancellationToken);

        var missing = Assert.Single(result!.Diagnostics);
        Assert.Equal("GD5003", missing.Code);
        Assert.Equal(GoDocker.Core.Diagnostics.SourceLocation.Of(settings.ProjectPath), missing.Location);
    }

    /// <summary>A .goproj whose line 4 is <paramref name="property"/>, beside a go.mod requiring the test module.</summary>
    private GoDocker.Core.Projects.GoProjectSettings ProjectNaming(string property, string? goMod = null, params (string Name, string Value)[] evaluated)
    {
        var project = Path.Combine(directory, "app.goproj");
        File.WriteAllText(project, $"<Project Sdk=\"GoDocker.Sdk\">\n  <PropertyGroup>\n    <GoSumDb>off</GoSumDb>\n    {property}\n  </PropertyGroup>\n</Project>\n");
        File.WriteAllText(Path.Combine(directory, "go.mod"), goMod ?? $"module example.com/app\n\ngo 1.19\n\nrequire {Module} v1.0.0\n");
        var properties = new Dictionary<string, string> { ["GoSumDb"] = "off" };
        var named = System.Text.RegularExpressions.Regex.Match(property, "<(\\w+)>([^<]*)<");
        if (named.Success)
        {
            properties[named.Groups[1].Value] = named.Groups[2].Value;
        }
        foreach (var (name, value) in evaluated)
        {
            properties[name] = value;
        }
        var (settings, _) = GoDocker.Core.Projects.GoProjectSettingsReader.Read(project, properties, [], [],
            GoDocker.Core.Projects.ProjectFilePositions.Read(project), new DictionaryEnvironmentSource(new Dictionary<string, string> { ["HOME"] = "/nonexistent" }));
        return settings;
    }

    [Fact]
    public async Task Cancelling_a_hanging_download_still_removes_the_container()
    {
        await DockerRequirement.RequireImageAsync(Image);
        using var hole = await BlackholedPort.CreateAsync();
        var request = new ContainerPreflightRequest(Image, new Dictionary<string, string>
        {
            ["GOPROXY"] = $"http://127.0.0.1:{hole.Port}",
            ["GOSUMDB"] = "off",
        }, Module, "v1.0.0");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromSeconds(4));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ContainerPreflight(DockerEndpoint.FromEnvironment()).RunAsync(request, cancel.Token));

        await AssertNoContainerLeftAsync();
    }

    [Fact]
    public async Task Download_errors_in_the_container_are_classified_like_build_output()
    {
        await DockerRequirement.RequireImageAsync(Image);
        using var root = TestCertificates.CreateRoot("GoDocker Container Test Root");
        using var leaf = TestCertificates.CreateLeaf(root, [], [IPAddress.Loopback]);
        await using var proxy = new LocalServer(_ => (404, "not found\n"), leaf);
        var ca = TestCertificates.WritePem(directory, "ca.pem", root);
        var environment = GoDocker.Core.GoEnv.GoEnvironmentReader.Read(
            new DictionaryEnvironmentSource(new Dictionary<string, string>
            {
                ["GOPROXY"] = proxy.Url().ToString().TrimEnd('/'),
                ["GOSUMDB"] = "off",
                ["HOME"] = "/nonexistent",
            }),
            InMemoryTextFileSource.Empty);
        var request = ContainerPreflightRequest.For(environment, Image, Module, "v1.0.0") with { CaCertificateFiles = [ca] };

        var result = await new ContainerPreflight(DockerEndpoint.FromEnvironment()).RunAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(proxy.Url().ToString().TrimEnd('/'), request.Environment["GOPROXY"]);
        Assert.False(result.Downloaded);
        Assert.Contains(result.Diagnostics, d => d.Code == "GD6001" && d.Message.Contains(Module, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == "GD4009");
        await AssertNoContainerLeftAsync();
    }

    private static async Task AssertNoContainerLeftAsync()
    {
        using var client = new DockerEngineProbe(DockerEndpoint.FromEnvironment()).CreateClient(TimeSpan.FromSeconds(10));
        var containers = await client.Containers.ListContainersAsync(new global::Docker.DotNet.Models.ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { ["org.godocker.purpose=verify"] = true } },
        }, TestContext.Current.CancellationToken);
        Assert.Empty(containers);
    }
}
