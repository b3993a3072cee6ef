using System.Diagnostics;
using GoDocker.Core.Credentials;

namespace GoDocker.Core.Tests.Credentials;

/// <summary>known_hosts lookups by OpenSSH's rules, checked against ssh-keygen itself where the machine has it.</summary>
public sealed class KnownHostsFileTests
{
    private const string Key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

    [Theory]
    [InlineData("git.example.corp " + Key, "git.example.corp", true)]
    [InlineData("GIT.Example.corp " + Key, "git.example.corp", true)]
    [InlineData("other.corp,git.example.corp " + Key, "git.example.corp", true)]
    [InlineData("*.example.corp " + Key, "git.example.corp", true)]
    [InlineData("git.example.cor? " + Key, "git.example.corp", true)]
    [InlineData("*.example.corp,!git.example.corp " + Key, "git.example.corp", false)]
    [InlineData("git.example.corp.evil " + Key, "git.example.corp", false)]
    [InlineData("[git.example.corp]:2222 " + Key, "git.example.corp:2222", true)]
    [InlineData("git.example.corp " + Key, "git.example.corp:2222", false)]
    [InlineData("git.example.corp " + Key, "git.example.corp:22", true)]
    [InlineData("@cert-authority *.example.corp " + Key, "git.example.corp", true)]
    [InlineData("@revoked git.example.corp " + Key, "git.example.corp", false)]
    [InlineData("git.example.corp", "git.example.corp", false)]
    [InlineData("# git.example.corp " + Key, "git.example.corp", false)]
    [InlineData("", "git.example.corp", false)]
    public void Lists_follows_OpenSSH_host_patterns(string line, string host, bool listed)
    {
        Assert.Equal(listed, KnownHostsFile.Parse(line + "\n").Lists(host));
    }

    [Fact]
    public void Hashed_names_match_what_ssh_keygen_hashed()
    {
        // ssh-keygen -H of "git.example.corp" and "[git.example.corp]:2222".
        var text = string.Join('\n', HashWithSshKeygen("git.example.corp " + Key, "[git.example.corp]:2222 " + Key));
        var file = KnownHostsFile.Parse(text);
        Assert.True(file.Lists("git.example.corp"));
        Assert.True(file.Lists("git.example.corp:2222"));
        Assert.False(file.Lists("git2.example.corp"));
        Assert.DoesNotContain("example", text);
    }

    [Fact]
    public void A_hostile_pattern_is_matched_in_linear_time()
    {
        var pattern = string.Concat(Enumerable.Repeat("*a", 200)) + "*b";
        var stopwatch = Stopwatch.StartNew();
        Assert.False(KnownHostsFile.Parse($"{pattern} {Key}\n").Lists(new string('a', 253)));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
    }

    private static string[] HashWithSshKeygen(params string[] lines)
    {
        var directory = Directory.CreateTempSubdirectory("godocker-kh-");
        try
        {
            var path = Path.Combine(directory.FullName, "known_hosts");
            File.WriteAllText(path, string.Join('\n', lines) + "\n");
            Process process;
            try
            {
                process = Process.Start(new ProcessStartInfo("ssh-keygen", ["-H", "-f", path]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                Assert.Skip("no ssh-keygen on PATH (apt-get install openssh-client)");
                throw;
            }
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            return File.ReadAllLines(path);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
