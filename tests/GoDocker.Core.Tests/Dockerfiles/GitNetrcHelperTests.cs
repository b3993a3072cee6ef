using System.Diagnostics;
using GoDocker.Core.Dockerfiles;

namespace GoDocker.Core.Tests.Dockerfiles;

/// <summary>
/// The credential helper the Dockerfile gives git for a netrc secret, run by a real git (`git credential fill`, with
/// the helper set through GIT_CONFIG_* exactly as the RUN step sets it): git gets the netrc's login and password for
/// the host it asks about, without its port, and nothing for other hosts.
/// </summary>
public class GitNetrcHelperTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("godocker-git-helper-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Theory]
    [InlineData("git.example.corp", "username=ci\npassword=s3cret")]
    [InlineData("git.example.corp:8443", "username=ci\npassword=s3cret")]
    [InlineData("mirror.example.corp", "username=second\npassword=two")]
    [InlineData("half.example.corp", null)]
    [InlineData("other.example.corp", null)]
    public void Git_gets_the_netrc_entry_for_the_host_it_asks_about(string host, string? expected)
    {
        var git = FindGit();
        var netrc = Path.Combine(_directory.FullName, "netrc");
        File.WriteAllText(netrc, "machine half.example.corp login nopassword\n\nmachine git.example.corp\n  login ci\n  password s3cret\nmachine mirror.example.corp login second password two\n");

        var output = Fill(git, netrc, host);

        // Without an entry git falls back to prompting, which GIT_TERMINAL_PROMPT=0 turns into a failure.
        Assert.Equal(expected, output);
    }

    private string? Fill(string git, string netrc, string host)
    {
        var start = new ProcessStartInfo(git, ["credential", "fill"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _directory.FullName,
        };
        start.Environment["NETRC"] = netrc;
        start.Environment["HOME"] = _directory.FullName; // no ~/.gitconfig or helper of this machine's user
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_CONFIG_COUNT"] = "1";
        start.Environment["GIT_CONFIG_KEY_0"] = "credential.helper";
        start.Environment["GIT_CONFIG_VALUE_0"] = DockerfileWriter.GitNetrcHelper;
        using var process = Process.Start(start)!;
        process.StandardInput.Write($"protocol=https\nhost={host}\n\n");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(10_000), "git credential fill did not finish");
        if (process.ExitCode != 0)
        {
            return null;
        }
        var lines = stdout.Split('\n').Where(l => l.StartsWith("username=", StringComparison.Ordinal) || l.StartsWith("password=", StringComparison.Ordinal));
        return string.Join("\n", lines);
    }

    private static string FindGit()
    {
        var git = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "git")).FirstOrDefault(File.Exists);
        if (git is null)
        {
            if (Environment.GetEnvironmentVariable("GODOCKER_REQUIRE_DOCKER") == "1")
            {
                Assert.Fail("GODOCKER_REQUIRE_DOCKER=1 but there is no git on PATH (apt-get install git)");
            }
            Assert.Skip("no git on PATH (apt-get install git)");
        }
        return git;
    }
}
