using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Docker;
using GoDocker.Core.Operations;
using GoDocker.Core.Projects;
using GoDocker.Core.Tests.Infrastructure;
using GoDocker.Core.Verification;

namespace GoDocker.Core.Tests.Verification;

/// <summary>
/// verify --registries: the registries of GoBaseImage and GoRuntimeImage answer GET /v2/ as registries, with each
/// failure at the image property's line. Every server is a real one on 127.0.0.1.
/// </summary>
public sealed class RegistryProbeTests : IDisposable
{
    private static readonly IPAddress[] Loopback = [IPAddress.Loopback];
    private const string Challenge = "WWW-Authenticate: Bearer realm=\"https://127.0.0.1/token\",service=\"registry\"\r\n";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("godocker-registry-probe-");

    private readonly X509Certificate2 _trustedRoot = TestCertificates.CreateRoot("GoDocker Configured Registry Root");

    public void Dispose()
    {
        _trustedRoot.Dispose();
        _directory.Delete(recursive: true);
    }

    /// <summary>A TLS registry whose CA is a GoCaCertificate item, answering /v2/ with a challenge: the other image's registry.</summary>
    private LocalServer TrustedRegistry() =>
        new(_ => (401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}"), TestCertificates.CreateLeaf(_trustedRoot, [], Loopback)) { ExtraHeaders = Challenge };

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    [Theory]
    [InlineData("golang:1.22", "docker.io", "registry-1.docker.io", 443)]
    [InlineData("library/golang:1.22", "docker.io", "registry-1.docker.io", 443)]
    [InlineData("docker.io/library/golang:1.22", "docker.io", "registry-1.docker.io", 443)]
    [InlineData("gcr.io/distroless/static-debian12:nonroot", "gcr.io", "gcr.io", 443)]
    [InlineData("registry.corp:5000/go/golang:1.22", "registry.corp:5000", "registry.corp", 5000)]
    [InlineData("localhost/golang:1.22", "localhost", "localhost", 443)]
    [InlineData("127.0.0.1:5000/golang@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "127.0.0.1:5000", "127.0.0.1", 5000)]
    public void An_image_reference_resolves_to_the_registry_the_engine_pulls_from(string image, string name, string host, int port)
    {
        Assert.True(ImageReference.TryParse(image, out var reference, out var error), error);
        Assert.Equal(new ImageRegistryEndpoint(name, host, port), ImageRegistryEndpoint.For(reference));
    }

    [Fact]
    public void Scratch_has_no_registry()
    {
        Assert.True(ImageReference.TryParse("scratch", out var reference, out _));
        Assert.Null(ImageRegistryEndpoint.For(reference));
    }

    [Fact]
    public async Task A_registry_that_challenges_GET_v2_with_401_and_WWW_Authenticate_is_reachable()
    {
        using var root = TestCertificates.CreateRoot("GoDocker Test Registry Root");
        using var leaf = TestCertificates.CreateLeaf(root, [], Loopback);
        await using var registry = new LocalServer(_ => (401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}"), leaf) { ExtraHeaders = Challenge };
        var settings = Read($"127.0.0.1:{registry.Port}/golang:1.22", "scratch", TestCertificates.WritePem(_directory.FullName, "root.crt", root));

        var found = await ProjectVerification.RunRegistriesAsync(settings, null, TestContext.Current.CancellationToken, _directory.FullName);

        Assert.Empty(found);
        Assert.Equal(["/v2/"], registry.Requests);
    }

    [Fact]
    public async Task A_401_without_a_challenge_is_GD3090_at_the_GoBaseImage_line()
    {
        using var root = TestCertificates.CreateRoot("GoDocker Test Registry Root");
        using var leaf = TestCertificates.CreateLeaf(root, [], Loopback);
        await using var webServer = new LocalServer(_ => (401, "login first"), leaf);
        var settings = Read($"127.0.0.1:{webServer.Port}/golang:1.22", "scratch", TestCertificates.WritePem(_directory.FullName, "root.crt", root));

        var found = await ProjectVerification.RunRegistriesAsync(settings, null, TestContext.Current.CancellationToken, _directory.FullName);

        var diagnostic = Assert.Single(found);
        Assert.Equal(DiagnosticCatalog.NotAnImageRegistry, diagnostic.Descriptor);
        Assert.Contains("401 Unauthorized without a WWW-Authenticate challenge", diagnostic.Message);
        Assert.Equal(BaseImageLine, diagnostic.Location?.Line);
    }

    [Fact]
    public async Task A_closed_registry_port_is_a_GD3_diagnostic_at_the_GoBaseImage_line_within_the_probe_timeout()
    {
        var settings = Read($"127.0.0.1:{FreePort()}/golang:1.22", "scratch");
        var started = DateTime.UtcNow;

        var found = await ProjectVerification.RunRegistriesAsync(settings, null, TestContext.Current.CancellationToken, _directory.FullName);

        var diagnostic = Assert.Single(found);
        Assert.Equal(DiagnosticCatalog.ConnectionRefused, diagnostic.Descriptor);
        Assert.StartsWith("GD3", diagnostic.Code, StringComparison.Ordinal);
        Assert.Contains("GoBaseImage", diagnostic.Message);
        Assert.Equal(BaseImageLine, diagnostic.Location?.Line);
        Assert.EndsWith("app.goproj", diagnostic.Location?.File, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2 * 3), "one probe timeout at most");
    }

    [Fact]
    public async Task A_TLS_registry_whose_CA_is_not_configured_is_a_GD4_diagnostic_at_the_GoRuntimeImage_line()
    {
        using var root = TestCertificates.CreateRoot("GoDocker Unconfigured Registry Root");
        using var leaf = TestCertificates.CreateLeaf(root, [], Loopback);
        await using var registry = new LocalServer(_ => (200, "{}"), leaf);
        await using var baseRegistry = TrustedRegistry();
        var settings = Read($"127.0.0.1:{baseRegistry.Port}/golang:1.22", $"127.0.0.1:{registry.Port}/runtime:1");

        var found = await ProjectVerification.RunRegistriesAsync(settings, null, TestContext.Current.CancellationToken, _directory.FullName);

        var diagnostic = Assert.Single(found);
        Assert.StartsWith("GD4", diagnostic.Code, StringComparison.Ordinal);
        Assert.Equal(RuntimeImageLine, diagnostic.Location?.Line);
        Assert.Empty(registry.Requests);
    }

    [Fact]
    public async Task The_engines_certs_d_CA_for_the_registry_is_trusted()
    {
        using var root = TestCertificates.CreateRoot("GoDocker certs.d Registry Root");
        using var leaf = TestCertificates.CreateLeaf(root, [], Loopback);
        await using var registry = new LocalServer(_ => (200, "{}"), leaf);
        var certsD = Directory.CreateDirectory(Path.Combine(_directory.FullName, "certs.d", $"127.0.0.1:{registry.Port}")).FullName;
        File.Move(TestCertificates.WritePem(_directory.FullName, "root.crt", root), Path.Combine(certsD, "ca.crt"));
        await using var baseRegistry = TrustedRegistry();
        var settings = Read($"127.0.0.1:{baseRegistry.Port}/golang:1.22", $"127.0.0.1:{registry.Port}/runtime:1");

        var found = await ProjectVerification.RunRegistriesAsync(settings, null, TestContext.Current.CancellationToken, Path.Combine(_directory.FullName, "certs.d"));

        Assert.Empty(found);
        Assert.Equal(["/v2/"], registry.Requests);
    }

    [Fact]
    public async Task A_plain_HTTP_registry_on_loopback_is_reachable_as_the_engine_treats_it_as_insecure()
    {
        await using var registry = new LocalServer(_ => (200, "{}"));
        var settings = Read($"127.0.0.1:{registry.Port}/golang:1.22", "scratch");

        var found = await ProjectVerification.RunRegistriesAsync(settings, null, TestContext.Current.CancellationToken, _directory.FullName);

        Assert.Empty(found);
        Assert.Contains("/v2/", registry.Requests);
    }

    [Fact]
    public async Task An_image_the_engine_holds_is_not_probed()
    {
        const string TestImage = "godocker-test/runtime:1";
        await DockerRequirement.RequireImageAsync(TestImage);
        var docker = (await new DockerCliLocator().LocateAsync(TestContext.Current.CancellationToken)).Path;
        // Would be GD3090 if asked: the probe must not connect at all.
        await using var notARegistry = new LocalServer(_ => (404, "not found"));
        var local = $"127.0.0.1:{notARegistry.Port}/godocker-test/runtime:registry-probe";
        await CliWrap.Cli.Wrap(docker).WithArguments(["tag", TestImage, local]).ExecuteAsync(TestContext.Current.CancellationToken);
        try
        {
            await using var baseRegistry = TrustedRegistry();
            var settings = Read($"127.0.0.1:{baseRegistry.Port}/golang:1.22", local);

            var found = await ProjectVerification.RunRegistriesAsync(settings, (image, ct) => EngineImagePresence.ContainsAsync(docker, image, ct),
                TestContext.Current.CancellationToken, _directory.FullName);

            Assert.Empty(found);
            Assert.Empty(notARegistry.Requests);
            Assert.False(await EngineImagePresence.ContainsAsync(docker, $"127.0.0.1:{notARegistry.Port}/godocker-test/absent:1", TestContext.Current.CancellationToken));
        }
        finally
        {
            await CliWrap.Cli.Wrap(docker).WithArguments(["rmi", local]).WithValidation(CliWrap.CommandResultValidation.None)
                .ExecuteAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Verify_probes_the_registries_only_when_asked_to()
    {
        await using var runtimeRegistry = TrustedRegistry();
        var settings = Read($"127.0.0.1:{FreePort()}/golang:1.22", $"127.0.0.1:{runtimeRegistry.Port}/runtime:1");
        var project = new GoProject(settings, []);

        var asked = await VerifyOperation.RunAsync(project, new VerifyRequest { Registries = true }, new Log(), TestContext.Current.CancellationToken);
        var notAsked = await VerifyOperation.RunAsync(project, new VerifyRequest(), new Log(), TestContext.Current.CancellationToken);

        var refused = Assert.Single(asked.Diagnostics);
        Assert.Equal(DiagnosticCatalog.ConnectionRefused, refused.Descriptor);
        Assert.Equal(BaseImageLine, refused.Location?.Line);
        Assert.Contains(refused, asked.Report!.Diagnostics);
        Assert.Empty(notAsked.Diagnostics);
        Assert.Equal(["/v2/"], runtimeRegistry.Requests);
    }

    [Fact]
    public async Task The_builds_verify_probes_the_base_images_registry_but_not_the_runtime_images()
    {
        await using var runtimeRegistry = TrustedRegistry();
        var settings = Read($"127.0.0.1:{FreePort()}/golang:1.22", $"127.0.0.1:{runtimeRegistry.Port}/runtime:1");

        var build = await VerifyOperation.RunAsync(new GoProject(settings, []), new VerifyRequest { BuildRegistries = true }, new Log(), TestContext.Current.CancellationToken);

        // docker build pulls the base image, never the runtime image (publish reads that one itself).
        var refused = Assert.Single(build.Diagnostics);
        Assert.Equal(DiagnosticCatalog.ConnectionRefused, refused.Descriptor);
        Assert.Equal(BaseImageLine, refused.Location?.Line);
        Assert.Empty(runtimeRegistry.Requests);
    }

    [Fact]
    public async Task A_real_TLS_registry_with_an_unknown_CA_is_a_GD4_diagnostic_at_GoBaseImage_within_twice_the_probe_timeout()
    {
        using var registry = Images.TestRegistry.StartSecure();
        var settings = Read($"{registry.Address}/base/golang:1", "scratch");
        var started = DateTime.UtcNow;

        var found = await ProjectVerification.RunRegistriesAsync(settings, null, TestContext.Current.CancellationToken, _directory.FullName);

        // Not GD3090: the plain-HTTP retry a loopback registry gets is refused (400) by a TLS server, whose certificate is the problem.
        var diagnostic = Assert.Single(found);
        Assert.StartsWith("GD4", diagnostic.Code, StringComparison.Ordinal);
        Assert.Equal(BaseImageLine, diagnostic.Location?.Line);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2 * 3), "within twice the probe timeout");
    }

    [Fact]
    public async Task A_registry_asking_for_basic_auth_without_a_docker_login_is_GD3091_naming_docker_login()
    {
        using var registry = Images.TestRegistry.StartSecure();
        var settings = Read($"{registry.Address}/base/golang:1", "scratch", registry.CaFile);
        var progress = new List<string>();
        var noLogin = RegistryPullContext.For(null, progress.Add, DockerConfigEnvironment(Directory.CreateDirectory(Path.Combine(_directory.FullName, "empty-config")).FullName));

        var found = await ProjectVerification.RunRegistriesAsync(settings, null, TestContext.Current.CancellationToken, _directory.FullName, noLogin);

        var diagnostic = Assert.Single(found);
        Assert.Equal("GD3091", diagnostic.Code);
        Assert.Contains($"docker login {registry.Address}", diagnostic.Message);
        Assert.Equal(BaseImageLine, diagnostic.Location?.Line);
    }

    [Fact]
    public async Task The_docker_login_for_the_registry_is_tried_and_a_refused_one_is_GD3092_without_the_password()
    {
        using var registry = Images.TestRegistry.StartSecure();
        var settings = Read($"{registry.Address}/base/golang:1", "scratch", registry.CaFile);
        var progress = new List<string>();

        var good = await ProjectVerification.RunRegistriesAsync(settings, null, TestContext.Current.CancellationToken, _directory.FullName,
            RegistryPullContext.For(null, progress.Add, DockerConfigEnvironment(registry.DockerConfig(Images.TestRegistry.UserName, Images.TestRegistry.Password))));
        var bad = await ProjectVerification.RunRegistriesAsync(settings, null, TestContext.Current.CancellationToken, _directory.FullName,
            RegistryPullContext.For(null, progress.Add, DockerConfigEnvironment(registry.DockerConfig(Images.TestRegistry.UserName, "not-the-password"))));

        Assert.Empty(good);
        Assert.Contains(progress, p => p.Contains($"with the login of {Images.TestRegistry.UserName}", StringComparison.Ordinal) && p.Contains("200", StringComparison.Ordinal));
        var refused = Assert.Single(bad);
        Assert.Equal("GD3092", refused.Code);
        Assert.Contains($"docker login {registry.Address}", refused.Message);
        Assert.Equal(BaseImageLine, refused.Location?.Line);
        Assert.DoesNotContain("not-the-password", refused.Message + string.Join("\n", progress));
        Assert.DoesNotContain(Images.TestRegistry.Password, string.Join("\n", progress));
    }

    [Fact]
    public async Task A_Docker_Hub_image_is_probed_at_the_engines_registry_mirror()
    {
        await using var mirror = new LocalServer(_ => (200, "{}"));
        var settings = Read("golang:1.22-bookworm", "scratch");
        var progress = new List<string>();
        var context = RegistryPullContext.For(null, progress.Add) with { HubMirrors = _ => Task.FromResult<IReadOnlyList<Uri>>([new Uri(mirror.Url("http").ToString())]) };

        var found = await ProjectVerification.RunRegistriesAsync(settings, null, TestContext.Current.CancellationToken, _directory.FullName, context);

        Assert.Empty(found);
        Assert.Equal(["/v2/"], mirror.Requests);
        Assert.Contains(progress, p => p.Contains($"registry mirror http://127.0.0.1:{mirror.Port} for docker.io", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[\"https://mirror.example:5000\",\"http://10.0.0.1/\"]", new[] { "https://mirror.example:5000/", "http://10.0.0.1/" })]
    [InlineData("null", new string[0])]
    [InlineData("[]", new string[0])]
    public void The_engines_mirrors_are_read_from_docker_info(string json, string[] expected)
    {
        Assert.Equal(expected, RegistryPullContext.ParseMirrors(json).Select(u => u.ToString()));
    }

    [Fact]
    public async Task GoImageRegistry_and_GoDockerfileSyntax_are_probed_at_their_lines()
    {
        await using var notARegistry = new LocalServer(_ => (404, "not found"));
        await using var baseRegistry = TrustedRegistry();
        var settings = Read($"127.0.0.1:{baseRegistry.Port}/golang:1.22", "scratch", null,
            ("GoImageRegistry", $"127.0.0.1:{notARegistry.Port}"), ("GoDockerfileSyntax", $"127.0.0.1:{FreePort()}/docker/dockerfile:1"));

        var found = await ProjectVerification.RunRegistriesAsync(settings, null, TestContext.Current.CancellationToken, _directory.FullName);

        var notRegistry = Assert.Single(found, d => d.Descriptor == DiagnosticCatalog.NotAnImageRegistry);
        Assert.Equal(6, notRegistry.Location?.Line);
        var syntax = Assert.Single(found, d => d.Descriptor == DiagnosticCatalog.ConnectionRefused);
        Assert.Equal(7, syntax.Location?.Line);
        Assert.Equal(2, found.Count);
    }

    /// <summary>A process environment whose Docker config folder is <paramref name="dockerConfig"/>.</summary>
    private static Func<string, string?> DockerConfigEnvironment(string dockerConfig) => name => name switch
    {
        "DOCKER_CONFIG" => dockerConfig,
        "HOME" => "/nonexistent",
        _ => null,
    };

    private sealed class Log : IOperationLog
    {
        public void Progress(string text) { }
        public void Detail(string text) { }
        public void Report(Diagnostic diagnostic) { }
    }

    private const int BaseImageLine = 4;
    private const int RuntimeImageLine = 5;

    private GoProjectSettings Read(string baseImage, string runtimeImage, string? ca = null, params (string Name, string Value)[] more)
    {
        var project = Path.Combine(_directory.FullName, "app.goproj");
        File.WriteAllText(project, $"""
            <Project Sdk="GoDocker.Sdk">
              <PropertyGroup>
                <GoSumDb>off</GoSumDb>
                <GoBaseImage>{baseImage}</GoBaseImage>
                <GoRuntimeImage>{runtimeImage}</GoRuntimeImage>
            {string.Concat(more.Select(p => $"    <{p.Name}>{p.Value}</{p.Name}>\n"))}  </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(_directory.FullName, "go.mod"), "module example.com/app\n\ngo 1.19\n");
        var trusted = TestCertificates.WritePem(_directory.FullName, "trusted-root.crt", _trustedRoot);
        var properties = new Dictionary<string, string> { ["GoSumDb"] = "off", ["GoBaseImage"] = baseImage, ["GoRuntimeImage"] = runtimeImage, ["GoVerifyTimeout"] = "3" };
        foreach (var (name, value) in more)
        {
            properties[name] = value;
        }
        var (settings, diagnostics) = GoProjectSettingsReader.Read(project, properties,
            ca is null ? [trusted] : [trusted, ca], [], ProjectFilePositions.Read(project),
            new DictionaryEnvironmentSource(new Dictionary<string, string> { ["HOME"] = "/nonexistent" }), InMemoryTextFileSource.Empty);
        Assert.DoesNotContain(diagnostics, d => d.IsError);
        return settings;
    }
}
