using GoDocker.Core.Diagnostics;
using GoDocker.Core.Docker;
using GoDocker.Core.Dockerfiles;
using GoDocker.Core.Projects;
using GoDocker.Core.Tests.Projects;

namespace GoDocker.Core.Tests.ModCache;

/// <summary>GoModCacheMode, GoModCacheDir, GoDockerCacheFrom and GoDockerCacheTo: each bad value at its line, and what each mode writes and runs.</summary>
public class ModCacheSettingsTests
{
    public static TheoryData<string, string, string, string> BadValues => new()
    {
        { "GoModCacheMode", "Volume", "", "GD1090" },
        { "GoModCacheMode", "1", "", "GD1090" },
        { "GoDockerCacheFrom", "type=floppy,ref=x", "GoModCacheMode=Layer", "GD1091" },
        { "GoDockerCacheFrom", "type=inline", "GoModCacheMode=Layer", "GD1091" },
        { "GoDockerCacheFrom", "type=registry", "GoModCacheMode=Layer", "GD1091" },
        { "GoDockerCacheTo", "type=local,src=/tmp/x", "GoModCacheMode=Layer", "GD1091" },
        { "GoDockerCacheTo", "ref=x", "GoModCacheMode=Layer", "GD1091" },
        { "GoDockerCacheTo", "type=inline", "", "GD1092" },
        { "GoDockerCacheFrom", "registry.example.com/app:cache", "GoModCacheMode=Gateway", "GD1092" },
        { "GoProxy", "direct", "GoModCacheMode=Gateway", "GD1093" },
        { "GoDockerStartProxy", "true", "GoModCacheMode=Gateway;GoProxy=http://127.0.0.1:3000", "GD1094" },
        { "GoModCacheDir", "ci-cache/go", "GoModCacheMode=Layer", "GD1095" },
        { "GoDockerNetwork", "bridge", "GoModCacheMode=Gateway", "GD1096" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Bad_value_is_reported_at_its_line(string property, string value, string others, string code)
    {
        using var fixture = new GoProjectFixture();
        foreach (var pair in others.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            fixture.Set(pair[..pair.IndexOf('=')], pair[(pair.IndexOf('=') + 1)..]);
        }
        fixture.Set(property, value);
        var (_, diagnostics) = fixture.Read();
        var diagnostic = Assert.Single(diagnostics, d => d.Code.StartsWith("GD109", StringComparison.Ordinal));
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(fixture.LineOf(property), diagnostic.Location?.Line);
        Assert.Contains(property == "GoProxy" ? "GOPROXY" : property, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_is_Mount_with_the_module_cache_mount()
    {
        using var fixture = new GoProjectFixture();
        var (settings, diagnostics) = fixture.Read();
        Assert.Empty(diagnostics);
        Assert.Equal(GoModCacheMode.Mount, settings.ModCache.Mode);
        var (dockerfile, _, _) = fixture.Generate();
        Assert.Contains("--mount=type=cache,id=godocker-go-mod-", dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void Layer_mode_keeps_modules_in_the_deps_layer_without_a_module_cache_mount()
    {
        using var fixture = new GoProjectFixture().Set("GoModCacheMode", "layer");
        var (dockerfile, _, _) = fixture.Generate();
        Assert.DoesNotContain("godocker-go-mod-", dockerfile, StringComparison.Ordinal);
        Assert.Contains("GOMODCACHE=\"" + DockerfileWriter.LayerModuleCache + "\"", dockerfile, StringComparison.Ordinal);
        // The build cache still uses its mount.
        Assert.Contains("godocker-go-build-", dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void Gateway_mode_downloads_through_a_secret_URL_and_builds_on_the_host_network()
    {
        using var fixture = new GoProjectFixture().Set("GoModCacheMode", "Gateway").Set("GoProxy", "https://a.example|https://b.example,direct");
        var (settings, _) = fixture.Read();
        var (dockerfile, _, _) = fixture.Generate();
        var deps = dockerfile[dockerfile.IndexOf("AS deps", StringComparison.Ordinal)..dockerfile.IndexOf("AS build", StringComparison.Ordinal)];
        Assert.Contains("--mount=type=secret,id=godocker-goproxy", deps, StringComparison.Ordinal);
        Assert.DoesNotContain("godocker-goproxy", dockerfile[dockerfile.IndexOf("AS build", StringComparison.Ordinal)..], StringComparison.Ordinal);

        var command = DockerBuildCommand.ForDownloadStage(settings, settings.DockerfilePath).WithGateway("http://127.0.0.1:41234");
        Assert.Equal("host", command.Network);
        Assert.Contains("id=godocker-goproxy,env=GODOCKER_GOPROXY", command.Arguments);
        Assert.Equal("http://127.0.0.1:41234", command.ProcessEnvironment![DockerBuildCommand.GatewayVariable]);
        Assert.Equal("https://a.example|https://b.example", BuildGateways.BuildGateway.UpstreamList(settings.Environment.Proxy));
    }

    [Fact]
    public void Buildx_gets_the_caches_as_written()
    {
        using var fixture = new GoProjectFixture().Set("GoModCacheMode", "Layer")
            .Set("GoDockerCacheFrom", "type=local,src=/ci/cache; registry.example.com/app:cache").Set("GoDockerCacheTo", "type=local,dest=/ci/cache2,mode=max");
        var (settings, diagnostics) = fixture.Read();
        Assert.Empty(diagnostics);
        var args = DockerBuildCommand.For(settings, settings.DockerfilePath).BuildArgumentsFor(new DockerCli("/usr/bin/docker", "28.0.0", UsesBuildx: true));
        Assert.Equal(["type=local,src=/ci/cache", "registry.example.com/app:cache"], Values(args, "--cache-from"));
        Assert.Equal(["type=local,dest=/ci/cache2,mode=max"], Values(args, "--cache-to"));
        Assert.Equal(settings.DockerContext, args[^1]);
    }

    [Fact]
    public void Built_in_BuildKit_gets_images_and_an_inline_cache()
    {
        using var fixture = new GoProjectFixture().Set("GoModCacheMode", "Layer")
            .Set("GoDockerCacheFrom", "type=registry,ref=127.0.0.1:5000/app:deps").Set("GoDockerCacheTo", "type=inline");
        var (settings, _) = fixture.Read();
        var args = DockerBuildCommand.For(settings, settings.DockerfilePath).BuildArgumentsFor(new DockerCli("/usr/bin/docker", "20.10.24", UsesBuildx: false));
        Assert.Equal(["127.0.0.1:5000/app:deps"], Values(args, "--cache-from"));
        Assert.Empty(Values(args, "--cache-to"));
        Assert.Equal(["BUILDKIT_INLINE_CACHE=1"], Values(args, "--build-arg"));
        Assert.Equal(settings.DockerContext, args[^1]);
    }

    [Fact]
    public void Built_in_BuildKit_exports_a_registry_cache_as_the_deps_stage_image_with_an_inline_cache()
    {
        using var fixture = new GoProjectFixture().Set("GoModCacheMode", "Layer").Set("GoDockerCacheTo", "type=registry,ref=127.0.0.1:5000/app:deps");
        var (settings, diagnostics) = fixture.Read();
        Assert.Empty(diagnostics);
        var plain = new DockerCli("/usr/bin/docker", "20.10.24", UsesBuildx: false);

        var deps = DockerBuildCommand.ForDownloadStage(settings, settings.DockerfilePath);
        var build = DockerBuildCommand.For(settings, settings.DockerfilePath).WithTarget(DockerfileWriter.BuildStage);

        Assert.Equal(["BUILDKIT_INLINE_CACHE=1"], Values(deps.BuildArgumentsFor(plain), "--build-arg"));
        Assert.Equal(["127.0.0.1:5000/app:deps"], Values(deps.BuildArgumentsFor(plain), "--tag"));
        Assert.Empty(Values(deps.BuildArgumentsFor(plain), "--cache-to"));
        Assert.Equal("127.0.0.1:5000/app:deps", deps.InlineCacheImageFor(plain));
        // Only the deps stage is the cache image; buildx and podman never get it.
        Assert.Null(build.InlineCacheImageFor(plain));
        Assert.Empty(Values(build.BuildArgumentsFor(plain), "--tag"));
        Assert.Null(deps.InlineCacheImageFor(plain with { UsesBuildx = true }));
        Assert.Equal(["type=registry,ref=127.0.0.1:5000/app:deps"], Values(deps.BuildArgumentsFor(plain with { UsesBuildx = true }), "--cache-to"));
    }

    [Theory]
    [InlineData("GoDockerCacheTo", "type=registry,ref=127.0.0.1:5000/app:cache,mode=max", "type=inline")]
    [InlineData("GoDockerCacheTo", "type=local,dest=/ci/cache", "type=registry,ref=IMAGE")]
    [InlineData("GoDockerCacheTo", "type=gha", "type=inline")]
    [InlineData("GoDockerCacheFrom", "type=local,src=/ci/cache", "type=registry,ref=IMAGE")]
    [InlineData("GoDockerCacheFrom", "type=registry,ref=r.example/app:c,mode=max", "r.example/app:c")]
    public void Built_in_BuildKit_refuses_other_caches_with_GD5070_at_the_property(string property, string value, string instead)
    {
        using var fixture = new GoProjectFixture().Set("GoModCacheMode", "Layer").Set(property, value);
        var (settings, diagnostics) = fixture.Read();
        Assert.Empty(diagnostics);
        var e = Assert.Throws<DiagnosticException>(() =>
            DockerBuildCommand.For(settings, settings.DockerfilePath).BuildArgumentsFor(new DockerCli("/usr/bin/docker", "20.10.24", UsesBuildx: false)));
        Assert.Equal("GD5070", e.Diagnostic.Code);
        Assert.Equal(fixture.LineOf(property), e.Diagnostic.Location?.Line);
        Assert.Contains("'" + instead + "'", e.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("buildx", e.Diagnostic.Message, StringComparison.Ordinal);
    }

    private static List<string> Values(IReadOnlyList<string> args, string flag) =>
        [.. args.Select((a, i) => (a, i)).Where(p => p.a == flag).Select(p => args[p.i + 1])];
}
