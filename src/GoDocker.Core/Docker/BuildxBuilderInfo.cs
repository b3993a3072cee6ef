using System.Collections.Immutable;

namespace GoDocker.Core.Docker;

/// <summary>
/// A buildx builder as <c>docker buildx inspect [name]</c> prints it: the builder's name and driver, then each node's
/// endpoint, status, driver options and platforms. Only the driver decides what <c>--network host</c> means: with
/// <c>docker</c> it is the engine host's network; with <c>docker-container</c>, <c>kubernetes</c> or <c>remote</c>
/// it is the BuildKit container's (or pod's, or remote daemon's) own.
/// </summary>
public sealed record BuildxBuilderInfo(string Name, string Driver, ImmutableArray<BuildxBuilderNode> Nodes)
{
    public const string DockerDriver = "docker";

    /// <summary>The engine's own BuildKit, used when the CLI has no buildx: it runs in the daemon, on the host's network.</summary>
    public static BuildxBuilderInfo BuiltIn { get; } = new("default", DockerDriver, []);

    /// <summary>
    /// Whether a build step with <c>--network host</c> shares the engine host's loopback. A <c>docker-container</c>
    /// builder created with <c>--driver-opt network=host</c> does too: its BuildKit container is on the host's network.
    /// </summary>
    public bool SharesHostLoopback =>
        Driver == DockerDriver
        || (Driver == "docker-container" && !Nodes.IsEmpty && Nodes.All(n => n.DriverOptions.TryGetValue("network", out var network) && network == "host"));

    /// <summary>The first node's endpoint, for messages.</summary>
    public string? Endpoint => Nodes.IsEmpty ? null : Nodes[0].Endpoint;

    /// <summary>Reads the text output; null when it names no builder (an error message, or empty).</summary>
    public static BuildxBuilderInfo? Parse(string text)
    {
        string? name = null, driver = null;
        var nodes = ImmutableArray.CreateBuilder<BuildxBuilderNode>();
        BuildxBuilderNode? node = null;
        var inNodes = false;
        foreach (var raw in text.Replace("\r", "").Split('\n'))
        {
            // Indented lines belong to Labels, GC policy, Features and files: nothing this reader needs.
            if (raw.Length == 0 || raw[0] is ' ' or '\t')
            {
                continue;
            }
            if (raw.TrimEnd() == "Nodes:")
            {
                inNodes = true;
                continue;
            }
            var colon = raw.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }
            var key = raw[..colon];
            var value = raw[(colon + 1)..].Trim();
            if (!inNodes)
            {
                switch (key)
                {
                    case "Name": name = value; break;
                    case "Driver": driver = value; break;
                }
                continue;
            }
            switch (key)
            {
                case "Name":
                    if (node is not null)
                    {
                        nodes.Add(node);
                    }
                    node = new BuildxBuilderNode(value, "", "", ImmutableDictionary<string, string>.Empty, []);
                    break;
                case "Endpoint" when node is not null: node = node with { Endpoint = value }; break;
                case "Status" when node is not null: node = node with { Status = value }; break;
                case "Error" when node is not null: node = node with { Status = "error: " + value }; break;
                case "Driver Options" when node is not null: node = node with { DriverOptions = ParseDriverOptions(value) }; break;
                case "Platforms" when node is not null:
                    node = node with
                    {
                        // A '*' marks a platform set by hand at `buildx create`.
                        Platforms = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => p.TrimEnd('*'))],
                    };
                    break;
            }
        }
        if (node is not null)
        {
            nodes.Add(node);
        }
        return name is null || driver is null ? null : new BuildxBuilderInfo(name, driver, nodes.ToImmutable());
    }

    // buildx prints each option as key="value" (Go's %q), separated by spaces.
    private static ImmutableDictionary<string, string> ParseDriverOptions(string text)
    {
        var options = ImmutableDictionary.CreateBuilder<string, string>();
        var i = 0;
        while (i < text.Length)
        {
            var eq = text.IndexOf('=', i);
            if (eq < 0)
            {
                break;
            }
            var key = text[i..eq].Trim();
            string value;
            if (eq + 1 < text.Length && text[eq + 1] == '"')
            {
                var end = eq + 2;
                var chars = new System.Text.StringBuilder();
                while (end < text.Length && text[end] != '"')
                {
                    if (text[end] == '\\' && end + 1 < text.Length)
                    {
                        end++;
                    }
                    chars.Append(text[end]);
                    end++;
                }
                value = chars.ToString();
                i = end + 1;
            }
            else
            {
                var space = text.IndexOf(' ', eq);
                value = space < 0 ? text[(eq + 1)..] : text[(eq + 1)..space];
                i = space < 0 ? text.Length : space;
            }
            options[key] = value;
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }
        }
        return options.ToImmutable();
    }

    public override string ToString() => $"builder '{Name}' (driver {Driver}{(Endpoint is { } e ? ", " + e : "")})";
}

/// <summary>One node of a buildx builder: where its BuildKit runs and what it builds for.</summary>
public sealed record BuildxBuilderNode(string Name, string Endpoint, string Status, ImmutableDictionary<string, string> DriverOptions, ImmutableArray<string> Platforms);
