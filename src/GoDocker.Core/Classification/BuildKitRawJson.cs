using System.Text;
using System.Text.Json;

namespace GoDocker.Core.Classification;

/// <summary>
/// Reads <c>--progress rawjson</c> output (one BuildKit <c>SolveStatus</c> JSON object a line: <c>vertexes</c>,
/// <c>statuses</c>, <c>logs</c> with base64 <c>data</c>, <c>warnings</c>) back into the lines plain progress prints:
/// <c>#N name</c>, <c>#N text</c> for each log line of vertex N, <c>#N ERROR: …</c>. The rules then read it as they
/// read plain output, and a failed step gets the error summary plain progress prints when the build ends
/// (<c>------</c>, <c> > NAME:</c>, its last log lines). Lines that are not a status object (buildx's own
/// <c>ERROR: failed to build: …</c>) pass through.
/// </summary>
public static class BuildKitRawJson
{
    // BuildKit keeps a failed step's last lines for its summary (logsBuffer in progressui).
    private const int SummaryLines = 10;

    /// <summary>Whether the text holds rawjson status objects at all (cheap: a prefix test per line).</summary>
    public static bool Contains(string text)
    {
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (IsStatusLine(line.TrimStart()))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The text with every status object replaced by the plain lines it stands for.</summary>
    public static string ToPlain(string text)
    {
        var plain = new StringBuilder(text.Length / 2);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var named = new HashSet<string>(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        // A log chunk may end mid-line; the rest arrives in a later chunk of the same vertex.
        var partial = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var lastLogs = new Dictionary<string, Queue<string>>(StringComparer.Ordinal);
        var failed = new List<string>();

        void Log(string digest, string line)
        {
            plain.Append('#').Append(Index(digest)).Append(' ').Append(line).Append('\n');
            if (!lastLogs.TryGetValue(digest, out var last))
            {
                last = lastLogs[digest] = new Queue<string>();
            }
            last.Enqueue(line);
            if (last.Count > SummaryLines)
            {
                last.Dequeue();
            }
        }

        // As plain progress ends a failed build: each failed step's name and last lines between separators.
        void Summaries()
        {
            foreach (var digest in failed)
            {
                Flush(digest);
                plain.Append("------\n > ").Append(names.GetValueOrDefault(digest, digest)).Append(":\n");
                foreach (var line in lastLogs.GetValueOrDefault(digest) ?? new Queue<string>())
                {
                    plain.Append(line).Append('\n');
                }
                plain.Append("------\n");
            }
            failed.Clear();
        }

        int Index(string digest)
        {
            if (!index.TryGetValue(digest, out var n))
            {
                n = index.Count + 1;
                index[digest] = n;
            }
            return n;
        }

        void Flush(string digest)
        {
            if (partial.Remove(digest, out var rest) && rest.Length > 0)
            {
                Log(digest, rest.ToString());
            }
        }

        var lines = text.Split('\n');
        // A final newline ends the last line; it does not start another.
        var count = lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        foreach (var raw in lines.Take(count))
        {
            var line = raw.TrimEnd('\r');
            if (!IsStatusLine(line.AsSpan().TrimStart()) || Parse(line) is not { } status)
            {
                if (line.StartsWith("ERROR", StringComparison.OrdinalIgnoreCase))
                {
                    Summaries();
                }
                plain.Append(line).Append('\n');
                continue;
            }
            using (status)
            {
                var root = status.RootElement;
                if (root.TryGetProperty("vertexes", out var vertexes) && vertexes.ValueKind == JsonValueKind.Array)
                {
                    foreach (var vertex in vertexes.EnumerateArray())
                    {
                        var digest = String(vertex, "digest") ?? "";
                        var n = Index(digest);
                        if (String(vertex, "name") is { } name && named.Add(digest))
                        {
                            names[digest] = name;
                            plain.Append('#').Append(n).Append(' ').Append(name).Append('\n');
                        }
                        if (String(vertex, "error") is { Length: > 0 } error && reported.Add(digest))
                        {
                            Flush(digest);
                            plain.Append('#').Append(n).Append(" ERROR: ").Append(error).Append('\n');
                            failed.Add(digest);
                        }
                    }
                }
                if (root.TryGetProperty("logs", out var logs) && logs.ValueKind == JsonValueKind.Array)
                {
                    foreach (var log in logs.EnumerateArray())
                    {
                        var digest = String(log, "vertex") ?? "";
                        var data = Decode(log);
                        if (data.Length == 0)
                        {
                            continue;
                        }
                        if (!partial.TryGetValue(digest, out var pending))
                        {
                            pending = partial[digest] = new StringBuilder();
                        }
                        pending.Append(data.Replace("\r\n", "\n"));
                        var text2 = pending.ToString();
                        var end = text2.LastIndexOf('\n');
                        if (end < 0)
                        {
                            continue;
                        }
                        foreach (var logLine in text2[..end].Split('\n'))
                        {
                            Log(digest, logLine);
                        }
                        pending.Clear().Append(text2[(end + 1)..]);
                    }
                }
            }
        }
        foreach (var digest in partial.Keys.ToList())
        {
            Flush(digest);
        }
        Summaries();
        return plain.ToString();
    }

    private static bool IsStatusLine(ReadOnlySpan<char> line) =>
        line.StartsWith("{\"vertexes\":") || line.StartsWith("{\"statuses\":") || line.StartsWith("{\"logs\":") || line.StartsWith("{\"warnings\":");

    private static JsonDocument? Parse(string line)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // Go marshals []byte as standard base64.
    private static string Decode(JsonElement log)
    {
        if (String(log, "data") is not { Length: > 0 } data)
        {
            return "";
        }
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(data));
        }
        catch (FormatException)
        {
            return "";
        }
    }
}
