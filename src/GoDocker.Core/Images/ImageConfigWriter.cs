using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GoDocker.Core.Images;

/// <summary>What publish sets in the image config on top of the runtime image's.</summary>
public sealed record ImageConfigChanges
{
    public required IReadOnlyList<string> Entrypoint { get; init; }
    public required string User { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public DateTimeOffset Created { get; init; } = DateTimeOffset.UnixEpoch;
    public string Os { get; init; } = "linux";
    public string Architecture { get; init; } = "amd64";

    /// <summary>The platform's variant (arm's v7), written when the runtime image's config has none (scratch).</summary>
    public string? Variant { get; init; }
}

/// <summary>
/// The image config (the JSON an image ID is the digest of): the runtime image's config (Env, WorkingDir, its labels,
/// history) with the entrypoint, user and labels of the final stage, and one more layer. Keys are written in a fixed
/// order, so the same inputs give the same bytes.
/// </summary>
public static class ImageConfigWriter
{
    public static byte[] Write(JsonObject? baseConfig, IReadOnlyList<string> baseDiffIds, ImageLayer layer, ImageConfigChanges changes)
    {
        var baseRun = baseConfig?["config"] as JsonObject;
        var env = baseRun?["Env"] is JsonArray baseEnv ? baseEnv.Select(e => e!.GetValue<string>()).ToList() : new List<string>();
        if (!env.Any(e => e.StartsWith("PATH=", StringComparison.Ordinal)))
        {
            env.Insert(0, "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        }
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (baseRun?["Labels"] is JsonObject baseLabels)
        {
            foreach (var (key, value) in baseLabels)
            {
                if (value is JsonValue v && v.TryGetValue<string>(out var text))
                {
                    labels[key] = text;
                }
            }
        }
        foreach (var (key, value) in changes.Labels)
        {
            labels[key] = value;
        }

        var created = changes.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var run = new JsonObject
        {
            ["Env"] = new JsonArray([.. env.Select(e => (JsonNode)JsonValue.Create(e)!)]),
            ["Entrypoint"] = new JsonArray([.. changes.Entrypoint.Select(e => (JsonNode)JsonValue.Create(e)!)]),
            ["User"] = changes.User,
        };
        if (baseRun?["WorkingDir"] is JsonValue workingDir && workingDir.TryGetValue<string>(out var wd) && wd.Length > 0)
        {
            run["WorkingDir"] = wd;
        }
        if (labels.Count > 0)
        {
            var labelObject = new JsonObject();
            foreach (var (key, value) in labels)
            {
                labelObject[key] = value;
            }
            run["Labels"] = labelObject;
        }

        var history = new JsonArray();
        if (baseConfig?["history"] is JsonArray baseHistory)
        {
            foreach (var entry in baseHistory)
            {
                history.Add(entry?.DeepClone());
            }
        }
        history.Add(new JsonObject { ["created"] = created, ["created_by"] = "GoDocker.Sdk publish: COPY the Go binary to /app" });

        var config = new JsonObject
        {
            ["architecture"] = changes.Architecture,
            ["os"] = changes.Os,
            ["created"] = created,
            ["config"] = run,
            ["rootfs"] = new JsonObject
            {
                ["type"] = "layers",
                ["diff_ids"] = new JsonArray([.. baseDiffIds.Append(layer.DiffId).Select(d => (JsonNode)JsonValue.Create(d)!)]),
            },
            ["history"] = history,
        };
        if (baseConfig?["variant"] is JsonValue variant && variant.TryGetValue<string>(out var variantText))
        {
            config["variant"] = variantText;
        }
        else if (changes.Variant is { Length: > 0 })
        {
            config["variant"] = changes.Variant;
        }
        return Encoding.UTF8.GetBytes(config.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
    }
}
