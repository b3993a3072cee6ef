using System.Text;
using GoDocker.Sdk.Tests.Infrastructure;

namespace GoDocker.Sdk.Tests;

/// <summary>
/// Issue requirement: "godocker explain and godocker modfile read without bounds". Each input of the issue, for real,
/// through the installed tool: a generated 200 MB log, a 200 MB single line, /dev/zero, an endless pipe. Every run
/// must end within a bounded wait with a clear diagnostic and bounded output, and no ESC or C1 character read from a
/// log may reach the output. (Their memory is measured by build/bench/explain-memory.sh, not here.)
/// </summary>
public sealed class ToolBoundedInputTests(InstalledTool tool) : IClassFixture<InstalledTool>
{
    private const long TwoHundredMegabytes = 200L << 20;
    private const int BoundedOutput = 64 * 1024;
    private static readonly TimeSpan BoundedWait = TimeSpan.FromMinutes(3);

    private Task<BuildRun> GodockerAsync(params string[] args) => tool.Project.DotnetAsync(["tool", "run", "godocker", .. args]);

    private async Task<BuildRun> PipelineAsync(string pipeline)
    {
        var run = await CommandRun.ExecuteAsync("sh", ["-c", pipeline], tool.Project.Directory, tool.Environment, BoundedWait);
        return new BuildRun(run);
    }

    private static void AssertNoTerminalControls(string output)
    {
        var control = output.FirstOrDefault(c => c == '\x1B' || c is >= '\u0080' and <= '\u009F');
        Assert.True(control == default, $"U+{(int)control:X4} reached the output:\n{output[..Math.Min(output.Length, 2000)]}");
    }

    /// <summary>Writes <paramref name="block"/> over and over until the file holds at least 200 MB, then <paramref name="end"/>.</summary>
    private static string WriteLargeFile(TestFolder folder, string name, string block, string end)
    {
        var path = folder.Path(name);
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(block, Math.Max(1, (1 << 20) / block.Length))));
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            while (file.Length < TwoHundredMegabytes)
            {
                file.Write(bytes);
            }
            file.Write(Encoding.UTF8.GetBytes(end));
        }
        return path;
    }

    [Fact]
    public async Task Explain_of_a_200_MB_colored_log_finds_the_error_at_its_end_and_echoes_no_terminal_control()
    {
        using var folder = new TestFolder("godocker-big-log-");
        // BuildKit progress as a terminal gets it: colors, a window title, an 8-bit CSI, CR redraws, CRLF.
        var log = WriteLargeFile(folder, "build.log",
            "\x1B[34m#8 0.512\x1B[0m go: downloading example.com/noise v1.0.0 \u009B1mbold\u009B0m\x1B]0;title\x07\r#8 0.513 redrawn\r\n",
            "#8 0.532 go: example.com/\x1B[1mbroken\x1B[0m@v1.0.0: reading https://proxy.example.test/example.com/broken/@v/v1.0.0.info: 410 Gone\n");

        var run = await GodockerAsync("explain", log);

        Assert.True(run.ExitCode == 1, run.ToString()[..Math.Min(run.Output.Length, 4000)]);
        var error = Assert.Single(run.Errors);
        Assert.Equal("GD6001", error.Code);
        Assert.Contains("example.com/broken@v1.0.0", error.Message);
        Assert.Contains("explaining the last", run.Output);
        Assert.True(run.Output.Length < BoundedOutput, $"{run.Output.Length} characters of output");
        AssertNoTerminalControls(run.Output);
    }

    [Fact]
    public async Task Explain_of_a_200_MB_single_line_echoes_only_its_start_and_modfile_refuses_it()
    {
        using var folder = new TestFolder("godocker-long-line-");
        var line = WriteLargeFile(folder, "one-line.log", new string('x', 4096) + "\x1B[2J\u009B31m\u0085", "");

        var explain = await GodockerAsync("explain", line);
        var modfile = await GodockerAsync("modfile", line);

        Assert.True(explain.ExitCode == 1, explain.Output[..Math.Min(explain.Output.Length, 4000)]);
        Assert.Equal("GD6999", Assert.Single(explain.Errors).Code);
        Assert.Contains("more characters cut]", explain.Output);
        Assert.True(explain.Output.Length < BoundedOutput, $"{explain.Output.Length} characters of output");
        AssertNoTerminalControls(explain.Output);

        Assert.True(modfile.ExitCode == 1, modfile.ToString());
        Assert.Equal("GD2009", Assert.Single(modfile.Errors).Code);
        Assert.Contains("holds more than 16777216 bytes", modfile.Output);
    }

    [Fact]
    public async Task Explain_of_dev_zero_and_of_an_endless_pipe_ends_with_GD1014()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("needs Linux's /dev/zero and yes");
        }

        var zero = await GodockerAsync("explain", "/dev/zero");
        var pipe = await PipelineAsync("yes | dotnet tool run godocker explain -");

        foreach (var run in new[] { zero, pipe })
        {
            // 2: a log that cannot be read is bad usage (docs/cli.md), as a missing file is.
            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.Equal("GD1014", Assert.Single(run.Errors).Code);
            Assert.Contains("did not end within 256 MiB", run.Output);
            Assert.True(run.Output.Length < BoundedOutput, run.ToString());
        }
    }

    [Fact]
    public async Task Modfile_of_dev_zero_and_of_an_endless_pipe_is_GD2009()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("needs Linux's /dev/zero and yes");
        }

        var zero = await GodockerAsync("modfile", "/dev/zero");
        var pipe = await PipelineAsync("yes | dotnet tool run godocker modfile /dev/stdin");

        foreach (var run in new[] { zero, pipe })
        {
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Equal("GD2009", Assert.Single(run.Errors).Code);
            Assert.True(run.Output.Length < BoundedOutput, run.ToString());
        }
    }

    [Fact]
    public async Task Modfile_of_a_folder_says_it_is_a_folder_and_of_proc_self_mem_is_GD2010()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("needs Linux's /proc/self/mem, a file whose reads always fail");
        }
        using var module = new TestFolder("godocker-module-");
        var goMod = module.Write("go.mod", "module example.com/app\n\ngo 1.19\n");
        var moduleFolder = Path.GetDirectoryName(goMod)!;

        var folder = await GodockerAsync("modfile", moduleFolder);
        var mem = await GodockerAsync("modfile", "/proc/self/mem");

        Assert.True(folder.ExitCode == 2, folder.ToString());
        Assert.Contains($"{moduleFolder} is a folder; give the go.mod file ({goMod})", folder.Output);
        Assert.True(mem.ExitCode == 1, mem.ToString());
        Assert.Equal("GD2010", Assert.Single(mem.Errors).Code);
        Assert.Contains("Reading '/proc/self/mem' failed: Input/output error.", mem.Output);
        Assert.DoesNotContain("GD9001", mem.Output);
    }
}
