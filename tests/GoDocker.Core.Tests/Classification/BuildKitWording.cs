using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GoDocker.Core.Tests.Classification;

/// <summary>
/// Rewrites a recorded sample (Docker 20.10's BuildKit plain output, or bare go output) the way current buildx would
/// print the same failure, following the buildx and BuildKit sources (TestData/buildx/SOURCES.md): plain progress with
/// today's wording (<c>process "/bin/sh -c …" did not complete successfully</c>, the error summary with time-prefixed
/// log lines, <c>ERROR: failed to build: failed to solve: …</c>), and <c>--progress rawjson</c> (one SolveStatus
/// object a line, logs as base64 chunks that may end mid-line, no summary, then buildx's final ERROR line).
/// </summary>
public static partial class BuildKitWording
{
    private const string RunName = "[deps 4/4] RUN --mount=type=cache,target=/go/pkg/mod go mod download -x";
    private const string ProcessError = "process \"/bin/sh -c go mod download -x\" did not complete successfully: exit code: 1";

    internal sealed record Step(int Number, string Name)
    {
        public List<string> Logs { get; } = [];
        public string? Error { get; set; }
    }

    public static string ToCurrentPlain(string sample)
    {
        var (steps, final) = Read(sample);
        var text = new StringBuilder();
        foreach (var step in steps)
        {
            text.Append($"#{step.Number} {step.Name}\n");
            foreach (var log in step.Logs)
            {
                text.Append($"#{step.Number} 0.412 {log}\n");
            }
            text.Append(step.Error is null ? $"#{step.Number} DONE 0.4s\n\n" : $"#{step.Number} ERROR: {step.Error}\n");
        }
        if (steps.LastOrDefault(s => s.Error is not null) is { } failed)
        {
            // printErrorLogs: the failed step's last log lines, each with its time offset.
            text.Append($"------\n > {failed.Name}:\n");
            foreach (var log in failed.Logs.TakeLast(10))
            {
                text.Append($"0.412 {log}\n");
            }
            text.Append("------\n");
        }
        text.Append(final).Append('\n');
        return text.ToString();
    }

    public static string ToRawJson(string sample)
    {
        var (steps, final) = Read(sample);
        var text = new StringBuilder();
        var started = "2025-03-04T10:11:12.345678901Z";
        foreach (var step in steps)
        {
            var digest = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(step.Name)));
            text.Append(JsonSerializer.Serialize(new { vertexes = new object[] { new { digest, name = step.Name, started } } })).Append('\n');
            text.Append(JsonSerializer.Serialize(new { statuses = new object[] { new { id = "transferring context", vertex = digest, current = 2, timestamp = started } } })).Append('\n');
            // Logs in 23-byte chunks: lines split across status objects, as a streaming process writes them.
            var bytes = Encoding.UTF8.GetBytes(string.Concat(step.Logs.Select(l => l + "\n")));
            for (var at = 0; at < bytes.Length; at += 23)
            {
                var chunk = bytes.AsSpan(at, Math.Min(23, bytes.Length - at)).ToArray();
                text.Append(JsonSerializer.Serialize(new { logs = new object[] { new { vertex = digest, stream = 2, data = chunk, timestamp = started } } })).Append('\n');
            }
            var completed = new { digest, name = step.Name, started, completed = "2025-03-04T10:11:13.1Z", error = step.Error };
            text.Append(JsonSerializer.Serialize(new { vertexes = new object[] { completed } }, new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull })).Append('\n');
        }
        text.Append(final).Append('\n');
        return text.ToString();
    }

    /// <summary>
    /// The sample's steps and its final error in current wording. A plain sample gives its <c>#N</c> steps; a tty
    /// sample (<c>=> ERROR [stage] NAME</c>, the <c>------</c> summary) its failed step with the summary's lines; bare
    /// go output becomes what the deps stage's RUN printed.
    /// </summary>
    internal static (List<Step> Steps, string Final) Read(string sample)
    {
        var steps = new Dictionary<int, Step>();
        var order = new List<Step>();
        var rest = new List<string>();
        var summary = new List<string>();
        string? failedName = null;
        var inSummary = false;
        // A log pasted onto one line keeps its summary separators between spaces.
        foreach (var raw in sample.Replace("\r", "").Replace(" ------ ", "\n------\n").Split('\n'))
        {
            if (raw == "------")
            {
                inSummary = !inSummary;
                continue;
            }
            if (DockerfileExcerpt().IsMatch(raw))
            {
                continue;
            }
            if (inSummary)
            {
                if (SummaryHeader().Match(raw) is { Success: true } header)
                {
                    failedName ??= header.Groups[1].Value;
                }
                else
                {
                    summary.Add(TimePrefix().Replace(StepPrefix().Replace(raw, ""), ""));
                }
                continue;
            }
            if (TtyError().Match(raw) is { Success: true } tty)
            {
                failedName ??= tty.Groups[1].Value;
                continue;
            }
            var m = StepLine().Match(raw);
            if (!m.Success)
            {
                if (raw.Trim().Length > 0)
                {
                    rest.Add(raw);
                }
                continue;
            }
            var n = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var body = m.Groups[2].Value;
            if (!steps.TryGetValue(n, out var step))
            {
                steps[n] = step = new Step(n, body);
                order.Add(step);
                continue;
            }
            if (body.StartsWith("ERROR: ", StringComparison.Ordinal))
            {
                step.Error = Current(body["ERROR: ".Length..]);
            }
            else if (!Bookkeeping().IsMatch(body))
            {
                step.Logs.Add(TimePrefix().Replace(body, ""));
            }
        }
        var finalLine = rest.LastOrDefault(l => FinalError().IsMatch(l));
        if (order.Any(s => s.Error is not null))
        {
            return (order, "ERROR: failed to build: failed to solve: " + Current(Unwrap(finalLine ?? order.Last(s => s.Error is not null).Error!)));
        }
        if (failedName is not null && finalLine is not null)
        {
            var cause = Current(Unwrap(finalLine));
            var failed = new Step(order.Count + 1, failedName) { Error = cause };
            failed.Logs.AddRange(summary.Where(l => l.Trim().Length > 0));
            order.Add(failed);
            return (order, "ERROR: failed to build: failed to solve: " + cause);
        }
        // Bare go output: what the deps stage's RUN printed.
        var run = new Step(order.Count + 1, RunName) { Error = ProcessError };
        run.Logs.AddRange(rest.Concat(summary));
        order.Add(run);
        return (order, "ERROR: failed to build: failed to solve: " + ProcessError);
    }

    // Older wrappers current buildx no longer prints; what is left is the cause.
    private static string Unwrap(string line) => OldWrapper().Replace(line, "");

    private static string Current(string error) =>
        ExecutorFailed().Replace(error, m => $"process \"{m.Groups[1].Value}\" did not complete successfully: exit code: {m.Groups[2].Value}");

    [GeneratedRegex(@"^#(\d+) (.*)$")]
    private static partial Regex StepLine();

    [GeneratedRegex(@"^\d+\.\d+ ")]
    private static partial Regex TimePrefix();

    [GeneratedRegex(@"^#\d+ ")]
    private static partial Regex StepPrefix();

    [GeneratedRegex(@"^\s*> (.*):\s*$")]
    private static partial Regex SummaryHeader();

    // tty progress: " => ERROR [stage 8/9] RUN go mod download   11.2s", " ERROR [internal] load metadata for …  30.0s"
    [GeneratedRegex(@"^\s*(?:=> )?ERROR (\[.*?)\s+\d+\.\ds\s*$")]
    private static partial Regex TtyError();

    [GeneratedRegex(@"^(?:Dockerfile:\d+|-{20}|\s*\d+ \|.*)$")]
    private static partial Regex DockerfileExcerpt();

    [GeneratedRegex(@"failed to solve|executor failed|did not complete successfully")]
    private static partial Regex FinalError();

    [GeneratedRegex(@"^(?:DONE \d|CACHED$|sha256:[0-9a-f]{64}$|transferring |\.\.\.$|extracting |resolve )")]
    private static partial Regex Bookkeeping();

    [GeneratedRegex(@"^\s*(?:ERROR: )?(?:failed to solve with frontend [\w.]+: |failed to solve: )+")]
    private static partial Regex OldWrapper();

    [GeneratedRegex(@"executor failed running \[([^\]]*)\]: exit code: (\d+)")]
    private static partial Regex ExecutorFailed();
}
