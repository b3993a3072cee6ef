using System.Security.Cryptography;
using System.Text;
using GoDocker.Sdk.Tests.Infrastructure;

namespace GoDocker.Sdk.Tests;

/// <summary>
/// Real download failures of the real go 1.19 inside Docker, classified through dotnet build at the line to change.
/// Verify is off so the download stage's own classification is what the test sees.
/// </summary>
public sealed class DownloadFailureEndToEndTests(SdkPackages packages)
{
    [Fact]
    public async Task A_go_sum_with_a_wrong_hash_is_a_checksum_mismatch_at_its_go_sum_line()
    {
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        using var project = await TestGoProject.CreateAsync(packages, TestGoProject.LocalDockerSettings(proxy.Url, ("GoVerify", "false")), dependency, proxy);
        var lines = File.ReadAllLines(project.GoSumPath);
        var zipLine = Array.FindIndex(lines, l => !l.Contains("/go.mod ", StringComparison.Ordinal));
        lines[zipLine] = $"{dependency.Path} {dependency.Version} h1:{Convert.ToBase64String(new byte[32])}";
        File.WriteAllLines(project.GoSumPath, lines);

        var build = await project.BuildAsync();

        Assert.NotEqual(0, build.ExitCode);
        var error = build.SingleError(e => e.Code == "GD6003");
        Assert.Equal(project.GoSumPath, error.File);
        Assert.Equal(zipLine + 1, error.Line);
    }

    [Fact]
    public async Task A_private_module_under_a_checksum_database_that_answers_404_asks_for_GoPrivate()
    {
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        await using var sumdb = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        using var project = new TestGoProject(packages)
            .WithProject(TestGoProject.LocalDockerSettings(proxy.Url, ("GoVerify", "false"))
                .Where(p => p.Item1 != "GoSumDb")
                .Append(("GoSumDb", $"{ChecksumDatabaseKey("sum.godocker.test")} {sumdb.Url}")))
            .WithMainModule(dependency);

        var build = await project.BuildAsync();

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains(sumdb.Requests, r => r.StartsWith("/lookup/", StringComparison.Ordinal));
        var error = build.SingleError(e => e.Code == "GD6002");
        Assert.Equal(project.GoModPath, error.File);
        Assert.Equal(5, error.Line);
        Assert.Contains("GoPrivate", error.Message);
    }

    [Fact]
    public async Task A_proxy_that_needs_credentials_the_build_lacks_asks_for_a_build_secret()
    {
        Requirements.Docker();
        await using var proxy = new TestModuleProxy { RequiredCredentials = ("ci", "s3cret-token") };
        var dependency = proxy.AddUniqueGreeting();
        using var project = new TestGoProject(packages)
            .WithProject(TestGoProject.LocalDockerSettings(proxy.Url, ("GoVerify", "false")))
            .WithMainModule(dependency);

        var build = await project.BuildAsync();

        Assert.NotEqual(0, build.ExitCode);
        var error = build.SingleError(e => e.Code is "GD7016" or "GD6005");
        Assert.Contains("GoBuildSecret", error.Message);
        Assert.Contains(proxy.Requests, r => r.EndsWith(".info", StringComparison.Ordinal) || r.EndsWith(".mod", StringComparison.Ordinal));
    }

    /// <summary>A GOSUMDB verifier key (name+hash+key) the go command accepts, for a database that knows nothing.</summary>
    private static string ChecksumDatabaseKey(string name)
    {
        var key = new byte[33];
        key[0] = 1; // Ed25519
        RandomNumberGenerator.Fill(key.AsSpan(1));
        var hash = SHA256.HashData([.. Encoding.UTF8.GetBytes(name + "\n"), .. key]);
        return $"{name}+{Convert.ToHexString(hash, 0, 4).ToLowerInvariant()}+{Convert.ToBase64String(key)}";
    }
}
