using System.Text;
using System.Text.Json.Nodes;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Images;

namespace GoDocker.Core.Tests.Images;

/// <summary>The registry client against the real distribution registry: plain HTTP, TLS with basic auth, and its refusals.</summary>
public sealed class RegistryClientTests
{
    private static ImageManifest SmallImage(string text)
    {
        var layer = LayerWriter.Write([("/app", Encoding.UTF8.GetBytes(text))], DateTimeOffset.UnixEpoch);
        return new ImageManifest(ImageConfigWriter.Write(null, [], layer, new ImageConfigChanges { Entrypoint = ["/app"], User = "65532:65532" }), [layer]);
    }

    private static async Task<string> PushAsync(RegistryClient client, string repository, string tag, ImageManifest image)
    {
        var ct = TestContext.Current.CancellationToken;
        await client.ConnectAsync(ct);
        foreach (var layer in image.Layers)
        {
            await client.PushBlobAsync(repository, layer.Digest, layer.Compressed, ct);
        }
        await client.PushBlobAsync(repository, image.ConfigDigest, image.Config, ct);
        return await client.PushManifestAsync(repository, tag, image.Bytes, ImageMediaTypes.Manifest, ct);
    }

    [Fact]
    public async Task A_push_to_a_plain_http_loopback_registry_is_read_back_by_digest()
    {
        using var registry = TestRegistry.StartPlain();
        using var client = new RegistryClient(registry.Address, new RegistryTrust(registry.Address, []), null, "no config");
        var image = SmallImage("plain");

        var digest = await PushAsync(client, "team/plain", "1.0", image);

        Assert.Equal(image.Digest, digest);
        var (content, mediaType) = await client.GetManifestAsync("team/plain", image.Digest, TestContext.Current.CancellationToken);
        Assert.Equal(image.Bytes, content);
        Assert.Equal(ImageMediaTypes.Manifest, mediaType);
        Assert.Equal(image.Layers[0].Compressed, await client.GetBlobAsync("team/plain", image.Layers[0].Digest, TestContext.Current.CancellationToken));
        Assert.True(await client.BlobExistsAsync("team/plain", image.ConfigDigest, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_push_over_tls_with_the_registry_ca_and_the_docker_config_credentials_succeeds()
    {
        using var registry = TestRegistry.StartSecure();
        var config = registry.DockerConfig(TestRegistry.UserName, TestRegistry.Password);
        var credentials = await new DockerConfigCredentials(n => n == "DOCKER_CONFIG" ? config : null).FindAsync(registry.Address, TestContext.Current.CancellationToken);
        Assert.NotNull(credentials);
        using var client = new RegistryClient(registry.Address, new RegistryTrust(registry.Address, [registry.CaFile]), credentials, config);
        var image = SmallImage("secure");

        var digest = await PushAsync(client, "team/secure", "latest", image);

        Assert.Equal(image.Digest, digest);
        var (content, _) = await client.GetManifestAsync("team/secure", "latest", TestContext.Current.CancellationToken);
        Assert.Equal(image.Digest, ImageDigest.Of(content));
    }

    [Fact]
    public async Task Wrong_credentials_are_GD7018_naming_the_registry_and_docker_login()
    {
        using var registry = TestRegistry.StartSecure();
        var config = registry.DockerConfig(TestRegistry.UserName, "wrong-password");
        var credentials = await new DockerConfigCredentials(n => n == "DOCKER_CONFIG" ? config : null).FindAsync(registry.Address, TestContext.Current.CancellationToken);
        using var client = new RegistryClient(registry.Address, new RegistryTrust(registry.Address, [registry.CaFile]), credentials, Path.Combine(config, "config.json"));

        var error = await Assert.ThrowsAsync<DiagnosticException>(() => PushAsync(client, "team/secure", "1.0", SmallImage("x")));

        Assert.Same(DiagnosticCatalog.RegistryCredentialsRefused, error.Diagnostic.Descriptor);
        Assert.Contains(registry.Address, error.Diagnostic.Message);
        Assert.Contains("docker login " + registry.Address, error.Diagnostic.Message);
        Assert.Contains(TestRegistry.UserName, error.Diagnostic.Message);
        Assert.DoesNotContain("wrong-password", error.Diagnostic.Message);
    }

    [Fact]
    public async Task No_credentials_for_an_auth_registry_is_GD7018_too()
    {
        using var registry = TestRegistry.StartSecure();
        using var client = new RegistryClient(registry.Address, new RegistryTrust(registry.Address, [registry.CaFile]), null, "/nowhere/config.json");

        var error = await Assert.ThrowsAsync<DiagnosticException>(() => client.ConnectAsync(TestContext.Current.CancellationToken));

        Assert.Same(DiagnosticCatalog.RegistryCredentialsRefused, error.Diagnostic.Descriptor);
        Assert.Contains("no credentials", error.Diagnostic.Message);
    }

    [Fact]
    public async Task A_registry_whose_ca_is_not_trusted_is_GD4050_naming_the_issuer()
    {
        using var registry = TestRegistry.StartSecure();
        var config = registry.DockerConfig(TestRegistry.UserName, TestRegistry.Password);
        var credentials = await new DockerConfigCredentials(n => n == "DOCKER_CONFIG" ? config : null).FindAsync(registry.Address, TestContext.Current.CancellationToken);
        using var client = new RegistryClient(registry.Address, new RegistryTrust(registry.Address, []), credentials, config);

        var error = await Assert.ThrowsAsync<DiagnosticException>(() => client.ConnectAsync(TestContext.Current.CancellationToken));

        Assert.Same(DiagnosticCatalog.RegistryCertificateUntrusted, error.Diagnostic.Descriptor);
        Assert.Contains(registry.Address, error.Diagnostic.Message);
        Assert.Contains("GoDocker Test Registry CA", error.Diagnostic.Message);
        Assert.Contains("GoCaCertificate", error.Diagnostic.Message);
    }

    [Fact]
    public async Task A_closed_port_is_GD3070()
    {
        TestRegistry.Require();
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var address = $"127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();
        using var client = new RegistryClient(address, new RegistryTrust(address, []), null, "none");

        var error = await Assert.ThrowsAsync<DiagnosticException>(() => client.ConnectAsync(TestContext.Current.CancellationToken));

        Assert.Same(DiagnosticCatalog.RegistryUnreachable, error.Diagnostic.Descriptor);
        Assert.Contains(address, error.Diagnostic.Message);
    }

    [Fact]
    public async Task A_push_the_registry_forbids_is_GD7019_naming_the_repository()
    {
        // A TLS registry whose policy refuses this repository: /v2/ answers, every upload is 403 Forbidden.
        using var temp = new GoDocker.Core.Tests.ModuleZip.ZipTestData.TempDir();
        var root = GoDocker.Core.Tests.Verification.TestCertificates.CreateRoot("Forbidding Registry Test CA");
        var leaf = GoDocker.Core.Tests.Verification.TestCertificates.CreateLeaf(root, ["localhost"], [System.Net.IPAddress.Loopback]);
        var caFile = GoDocker.Core.Tests.Verification.TestCertificates.WritePem(temp.Path, "ca.pem", root);
        await using var server = new GoDocker.Core.Tests.Verification.LocalServer(
            path => path == "/v2/" ? (200, "{}") : (403, "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}"),
            leaf);
        var address = $"127.0.0.1:{server.Port}";
        using var client = new RegistryClient(address, new RegistryTrust(address, [caFile], temp.Path), null, "none");

        var error = await Assert.ThrowsAsync<DiagnosticException>(() => PushAsync(client, "team/app", "1.0.0", SmallImage("forbidden")));

        Assert.Same(DiagnosticCatalog.RegistryPushDenied, error.Diagnostic.Descriptor);
        Assert.Contains("team/app", error.Diagnostic.Message);
        Assert.Contains(address, error.Diagnostic.Message);
    }

    [Fact]
    public void Challenge_parameters_are_read_with_quotes_and_commas()
    {
        var parameters = RegistryClient.ChallengeParameters("realm=\"https://auth.example.com/token\",service=\"registry.example.com\",scope=\"repository:a/b:pull,push\"");

        Assert.Equal("https://auth.example.com/token", parameters["realm"]);
        Assert.Equal("registry.example.com", parameters["service"]);
        Assert.Equal("repository:a/b:pull,push", parameters["scope"]);
    }

    [Fact]
    public async Task A_credential_helper_named_for_the_host_is_asked_with_the_host_on_standard_input()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("the helper is a POSIX shell script");
        }
        var folder = Directory.CreateTempSubdirectory("godocker-dockercfg-").FullName;
        try
        {
            var helper = Path.Combine(folder, "docker-credential-godockertest");
            File.WriteAllText(helper, """
                #!/bin/sh
                [ "$1" = get ] || exit 1
                read host
                [ "$host" = registry.example.com ] || { echo 'credentials not found in native keychain'; exit 1; }
                printf '{"ServerURL":"%s","Username":"robot","Secret":"from-helper"}' "$host"

                """);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(helper, (UnixFileMode)0b111_101_101);
            File.WriteAllText(Path.Combine(folder, "config.json"), """{"credHelpers":{"registry.example.com":"godockertest"},"credsStore":"godockertest"}""");
            var reader = new DockerConfigCredentials(n => n switch { "DOCKER_CONFIG" => folder, "PATH" => folder, _ => null });

            var found = await reader.FindAsync("registry.example.com", TestContext.Current.CancellationToken);
            var none = await reader.FindAsync("other.example.com", TestContext.Current.CancellationToken);

            Assert.Equal("robot", found?.UserName);
            Assert.Equal("from-helper", found?.Secret);
            Assert.Contains("docker-credential-godockertest", found!.Source);
            Assert.Null(none);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Docker_config_credentials_are_read_from_auths_under_host_or_url_keys()
    {
        var folder = Directory.CreateTempSubdirectory("godocker-dockercfg-").FullName;
        try
        {
            var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("me:pa:ss"));
            File.WriteAllText(Path.Combine(folder, "config.json"), new JsonObject
            {
                ["auths"] = new JsonObject { ["https://registry.example.com/v1/"] = new JsonObject { ["auth"] = auth } },
            }.ToJsonString());
            var reader = new DockerConfigCredentials(n => n == "DOCKER_CONFIG" ? folder : null);

            var found = await reader.FindAsync("registry.example.com", TestContext.Current.CancellationToken);
            var none = await reader.FindAsync("other.example.com", TestContext.Current.CancellationToken);

            Assert.Equal("me", found?.UserName);
            Assert.Equal("pa:ss", found?.Secret);
            Assert.Null(none);
            Assert.DoesNotContain("pa:ss", found!.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
