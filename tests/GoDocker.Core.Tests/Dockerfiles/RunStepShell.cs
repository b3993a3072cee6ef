using System.Diagnostics;

namespace GoDocker.Core.Tests.Dockerfiles;

/// <summary>
/// Executes the shell part of a Dockerfile's RUN steps with /bin/sh, with <c>go</c> and the other tools replaced by
/// functions that record their arguments, so a test can see exactly which words a value became and whether
/// anything else ran.
/// </summary>
internal static class RunStepShell
{
    public static bool Available => !OperatingSystem.IsWindows() && File.Exists("/bin/sh");

    /// <summary>Runs every RUN step; returns the argument lists each stubbed command received, in order.</summary>
    public static List<(string Command, List<string> Arguments)> Execute(string dockerfile, string workDirectory)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("RUN steps are POSIX shell");
        }
        var (instructions, _) = DockerfileLint.Parse(dockerfile);
        var log = Path.Combine(workDirectory, "calls.log");
        var calls = new List<(string, List<string>)>();
        // Stubs come first in PATH: each records its name and arguments, one call per line.
        var stubs = Path.Combine(workDirectory, ".stubs");
        Directory.CreateDirectory(stubs);
        foreach (var name in new[] { "go", "update-ca-certificates", "mkdir", "chmod" })
        {
            var stub = Path.Combine(stubs, name);
            File.WriteAllText(stub, "#!/bin/sh\nprintf '%s\\037' \"$(basename \"$0\")\" \"$@\" >> \"$GODOCKER_LOG\"\nprintf '\\n' >> \"$GODOCKER_LOG\"\n");
            File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        foreach (var run in instructions.Where(i => i.Keyword == "RUN"))
        {
            var words = run.Arguments.Split(' ');
            var command = string.Join(' ', words.SkipWhile(w => w.StartsWith("--mount=", StringComparison.Ordinal) || w.Length == 0));
            var script = command;
            var start = new ProcessStartInfo("/bin/sh") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = workDirectory };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(script);
            start.Environment["GODOCKER_LOG"] = log;
            start.Environment["PATH"] = stubs + ":" + Environment.GetEnvironmentVariable("PATH");
            using var process = Process.Start(start)!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            if (!process.WaitForExit(10_000))
            {
                process.Kill();
                throw new TimeoutException("RUN step did not finish: " + command);
            }
        }
        if (File.Exists(log))
        {
            foreach (var line in File.ReadAllLines(log).Where(l => l.Length > 0))
            {
                var parts = line.Split('\u001f').ToList();
                parts.RemoveAt(parts.Count - 1);
                calls.Add((parts[0], parts.Skip(1).ToList()));
            }
        }
        return calls;
    }
}
