using System.Runtime.CompilerServices;
using GoDocker.Core.Projects;
using GoDocker.Core.Tests.Projects;

namespace GoDocker.Core.Tests.Dockerfiles;

/// <summary>
/// The generated Dockerfile and .dockerignore of thirteen project configurations must equal the golden files byte for
/// byte. Set GODOCKER_UPDATE_GOLDEN=1 to rewrite the goldens from the generator (then review the diff).
/// </summary>
public class GoldenDockerfileTests
{
    public static TheoryData<string> Configurations => new(Builders.Keys.Order(StringComparer.Ordinal));

    private static readonly Dictionary<string, Func<GoProjectFixture>> Builders = new()
    {
        ["plain"] = () => new GoProjectFixture()
            .Set("GoDockerfileSyntax", "docker/dockerfile:1.7")
            .Set("GoMainPackage", "./cmd/server"),

        ["private-netrc"] = () =>
        {
            var f = new GoProjectFixture()
                .Set("GoProxy", "https://goproxy.example.corp,direct")
                .Set("GoPrivate", "git.example.corp/*")
                .Set("GoNoSumDb", "git.example.corp/*");
            var netrc = Path.Combine(f.Outside, "netrc");
            File.WriteAllText(netrc, "machine goproxy.example.corp login ci password not-a-real-password\n");
            return f.AddSecret(new GoBuildSecret("netrc", netrc, null));
        },

        ["token"] = () => new GoProjectFixture()
            .Set("GoPrivate", "git.example.corp/*")
            .AddSecret(new GoBuildSecret("git-token", null, "GIT_TOKEN", GoBuildSecretKind.Token, "git.example.corp")),

        ["ssh"] = () =>
        {
            var f = new GoProjectFixture().Set("GoPrivate", "git.example.corp/*");
            var knownHosts = Path.Combine(f.Outside, "known_hosts");
            File.WriteAllText(knownHosts, "git.example.corp ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n");
            return f.AddSecret(new GoBuildSecret("ssh", null, null, GoBuildSecretKind.Ssh, "git.example.corp", KnownHosts: knownHosts));
        },

        ["ca"] = () =>
        {
            var f = new GoProjectFixture().Set("GoProxy", "https://goproxy.example.corp");
            var ca = Path.Combine(f.Outside, "corp-root.crt");
            File.WriteAllText(ca, TestCertificates.CaPem());
            return f.AddCaCertificate(ca).AddCaCertificate("certs/Team Root.pem").WriteFile("certs/Team Root.pem", TestCertificates.CaPem("CN=Team Root"));
        },

        ["offline"] = () => new GoProjectFixture()
            .Set("GoBaseImage", "golang:1.22.5-bookworm@sha256:" + new string('a', 64))
            .Set("GoRuntimeImage", "registry.example.corp:5000/base/static@sha256:" + new string('b', 64))
            .Set("GoProxy", "http://127.0.0.1:3000")
            .Set("GoSumDb", "off")
            .Set("GoFlags", "-mod=mod"),

        ["multi-arch"] = () => new GoProjectFixture()
            .Set("GoPlatforms", "linux/amd64;linux/arm64")
            .Set("GoLdflags", "-s -w"),

        ["arm-v7"] = () => new GoProjectFixture()
            .Set("GoPlatforms", "linux/amd64;linux/arm/v7"),

        ["replace-dir"] = () =>
        {
            var f = new GoProjectFixture("services/api")
                .Set("GoDockerContext", "../..")
                .WriteFile("go.mod", "module example.com/api\n\ngo 1.22\n\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => ../../libs/lib\n")
                .WriteFile("../../libs/lib/go.mod", "module example.com/lib\n\ngo 1.22\n");
            return f;
        },

        ["go-env"] = () => new GoProjectFixture()
            .Set("GoAuth", "netrc;git /srv/git-credentials")
            .AddVariable("GOEXPERIMENT", "loopvar")
            .AddVariable("GODEBUG", "tlsmlkem=0")
            .AddVariable("GOFIPS140", "latest"),

        ["vendor"] = () => new GoProjectFixture()
            .WriteFile("vendor/modules.txt", "# example.com/dep v1.0.0\n## explicit\nexample.com/dep\n"),

        ["layer"] = () => new GoProjectFixture()
            .Set("GoModCacheMode", "Layer")
            .Set("GoDockerCacheFrom", "type=registry,ref=127.0.0.1:5000/team/app:cache")
            .Set("GoDockerCacheTo", "type=inline"),

        ["gateway"] = () => new GoProjectFixture()
            .Set("GoModCacheMode", "Gateway")
            .Set("GoProxy", "https://goproxy.example.corp|https://proxy.golang.org,direct"),

        ["cgo"] = () => new GoProjectFixture()
            .Set("GoCgoEnabled", "true")
            .Set("GoBuildFlags", "-tags=netgo,osusergo -gcflags \"all=-N -l\"")
            .Set("GoLdflags", "-s -w -X 'main.version=1.0.0 beta'"),
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Generated_files_equal_the_golden_files(string configuration)
    {
        using var fixture = Builders[configuration]();
        var (dockerfile, dockerignore, _) = fixture.Generate();
        AssertGolden(configuration + ".Dockerfile", dockerfile);
        AssertGolden(configuration + ".dockerignore", dockerignore);
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Generated_Dockerfile_is_well_formed_and_lint_clean(string configuration)
    {
        using var fixture = Builders[configuration]();
        var (dockerfile, _, _) = fixture.Generate();
        Assert.Empty(DockerfileLint.Check(dockerfile));
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Same_inputs_give_the_same_bytes_in_another_folder(string configuration)
    {
        using var first = Builders[configuration]();
        using var second = Builders[configuration]();
        Assert.NotEqual(first.Root, second.Root);
        Assert.Equal(first.Generate().Dockerfile, second.Generate().Dockerfile);
    }

    private static void AssertGolden(string name, string actual, [CallerFilePath] string thisFile = "")
    {
        var sourcePath = Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "TestData", "dockerfiles", name);
        if (Environment.GetEnvironmentVariable("GODOCKER_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(sourcePath, actual);
            return;
        }
        var goldenPath = Path.Combine(AppContext.BaseDirectory, "TestData", "dockerfiles", name);
        Assert.True(File.Exists(goldenPath), $"golden file {name} is missing; run with GODOCKER_UPDATE_GOLDEN=1 to create it");
        Assert.Equal(File.ReadAllText(goldenPath), actual);
    }
}
