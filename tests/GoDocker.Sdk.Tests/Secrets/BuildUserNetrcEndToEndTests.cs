using GoDocker.Sdk.Tests.Dockerfiles;
using GoDocker.Sdk.Tests.Infrastructure;

namespace GoDocker.Sdk.Tests.Secrets;

/// <summary>
/// Issue 13, item 1: the netrc secret and the CA reach go whoever the base image builds as. Two images that once lost
/// them: one without /etc/passwd (BuildKit sets HOME=/, so ~/.netrc is /.netrc) and one building as uid 1001 with its
/// own HOME and /root closed (as UBI's go-toolset). Each builds a netrc-protected module through an HTTPS proxy with a
/// test CA with `dotnet build`; without the item, or with a wrong password, the 401 says which of the two it is and
/// what go in the image read.
/// </summary>
public sealed class BuildUserNetrcEndToEndTests(SdkPackages packages)
{
    public static TheoryData<string> Images => new(Requirements.NoPasswdImage, Requirements.NonRootImage);

    [Theory]
    [MemberData(nameof(Images))]
    public async Task A_netrc_protected_module_behind_an_HTTPS_proxy_with_a_private_CA_builds(string image)
    {
        Requirements.BuildUserImages();
        await using var setup = await PrivateProxy.StartAsync(packages, image, "right-password");

        var build = await setup.Project.BuildAsync();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains(setup.Proxy.Requests, r => r.EndsWith(".zip", StringComparison.Ordinal));
        Assert.DoesNotContain(setup.Password, build.Output);

        // The whole image too: the build stage compiles as the image's user and the final image runs.
        var tag = TestDocker.UniqueTag("build-user");
        try
        {
            var full = await TestDocker.RunAsync(["build", "--network", "host", "--progress", "plain", "-f", setup.Project.DockerfilePath,
                "--secret", $"id=netrc,src={setup.NetrcFile}", "-t", tag, setup.Project.Directory], setup.Project.Directory, buildKit: true);
            Assert.True(full.ExitCode == 0, full.ToString());
            var run = await TestDocker.RunAsync(["run", "--rm", "--network", "none", tag], setup.Project.Directory);
            Assert.Equal("hello, docker\n", run.Output);
            await TestDocker.AssertImageHoldsNoneAsync(tag, setup.Project.Directory, setup.Password);
        }
        finally
        {
            await TestDocker.RemoveImagesAsync(setup.Project.Directory, tag);
        }
    }

    [Theory]
    [InlineData(Requirements.NonRootImage, "/opt/app-root/src/.netrc, which does not exist", "uid 1001")]
    [InlineData(Requirements.NoPasswdImage, "/.netrc, which does not exist", "uid 0, HOME=/)")]
    public async Task Without_the_netrc_item_the_401_says_no_item_is_given_and_which_file_go_read(string image, string read, string user)
    {
        Requirements.BuildUserImages();
        await using var setup = await PrivateProxy.StartAsync(packages, image, password: null);

        var build = await setup.Project.BuildAsync();

        Assert.NotEqual(0, build.ExitCode);
        var error = build.SingleError(e => e.Code == "GD7016");
        Assert.Contains("no GoBuildSecret netrc item", error.Message);
        // What go in the image read: the build user's own ~/.netrc, which does not exist.
        Assert.Contains("go in the image read " + read, error.Message);
        Assert.Contains(user, error.Message);
        Assert.Contains("machine 127.0.0.1", error.Message);
        Assert.Equal(setup.Project.ProjectPath, error.File);
        Assert.Equal(3, error.Line); // GoProxy
    }

    [Theory]
    [MemberData(nameof(Images))]
    public async Task With_a_wrong_password_the_401_says_the_given_netrc_was_read_and_refused(string image)
    {
        Requirements.BuildUserImages();
        await using var setup = await PrivateProxy.StartAsync(packages, image, "wrong-password");

        var build = await setup.Project.BuildAsync();

        Assert.NotEqual(0, build.ExitCode);
        var error = build.SingleError(e => e.Code == "GD7013");
        Assert.Contains("GoBuildSecret 'netrc' gives netrc credentials", error.Message);
        Assert.Contains("/run/secrets/netrc, which it could read", error.Message);
        Assert.Contains("401", error.Message);
        Assert.Equal(setup.Project.ProjectPath, error.File);
        Assert.Equal(setup.ItemLine, error.Line);
        Assert.DoesNotContain("wrong-password", build.Output);
    }

    /// <summary>An HTTPS proxy with a test CA that wants basic auth, and a project for <c>image</c> that gives the CA and,
    /// unless <c>password</c> is null, a netrc with that password (the proxy wants another one unless it is "right-password").</summary>
    private sealed class PrivateProxy : IAsyncDisposable
    {
        private readonly TlsTerminator _https;
        private readonly TestFolder _secrets;

        private PrivateProxy(TestModuleProxy proxy, TlsTerminator https, TestFolder secrets, TestGoProject project, string password, int itemLine)
        {
            NetrcFile = secrets.Path("netrc");
            Proxy = proxy;
            _https = https;
            _secrets = secrets;
            Project = project;
            Password = password;
            ItemLine = itemLine;
        }

        public TestModuleProxy Proxy { get; }
        public TestGoProject Project { get; }
        public string Password { get; }
        public int ItemLine { get; }
        public string NetrcFile { get; }

        public static async Task<PrivateProxy> StartAsync(SdkPackages packages, string image, string? password)
        {
            var proxy = new TestModuleProxy();
            var https = new TlsTerminator(proxy.Port);
            var dependency = proxy.AddUniqueGreeting();
            var secrets = new TestFolder("godocker-secret-");
            var ca = secrets.Write("corp-root.crt", https.CaPem);
            var items = $"<GoCaCertificate Include=\"{ca}\" />";
            if (password is not null)
            {
                var netrc = secrets.Write("netrc", $"machine 127.0.0.1 login ci password {password}\n");
                items += $"\n    <GoBuildSecret Include=\"netrc\" File=\"{netrc}\" />";
            }
            // Verify is off so the download stage in the image, not the host's probe, is what fails.
            var project = new TestGoProject(packages)
                .WithProject(TestGoProject.LocalDockerSettings(https.Url, ("GoBaseImage", image), ("GoVerify", password == "right-password" ? "true" : "false"))
                    .Where(p => p.Item1 != "GoBaseImage" || p.Item2 == image), items)
                .WithMainModule(dependency);
            await project.WriteGoSumAsync(proxy);
            var secret = "pw-" + Guid.NewGuid().ToString("N");
            proxy.RequiredCredentials = ("ci", password == "right-password" ? "right-password" : secret);
            var itemLine = Array.FindIndex(File.ReadAllLines(project.ProjectPath), l => l.Contains("<GoBuildSecret", StringComparison.Ordinal)) + 1;
            return new PrivateProxy(proxy, https, secrets, project, password ?? secret, itemLine);
        }

        public async ValueTask DisposeAsync()
        {
            Project.Dispose();
            _secrets.Dispose();
            await _https.DisposeAsync();
            await Proxy.DisposeAsync();
        }
    }
}
