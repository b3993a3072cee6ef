using System.Collections.Immutable;

namespace GoDocker.Core.Projects;

/// <summary>
/// One layer cache for docker build (GoDockerCacheFrom / GoDockerCacheTo), as buildx writes it:
/// <c>type=registry,ref=registry.example/app:cache</c>, <c>type=local,src=DIR</c>, <c>type=inline</c>…; a bare image
/// reference is <c>type=registry,ref=IMAGE</c>.
/// </summary>
/// <param name="Text">The spec as written, passed to buildx unchanged.</param>
/// <param name="Type">registry, local, inline, gha, s3 or azblob.</param>
/// <param name="Attributes">The key=value fields besides type.</param>
public sealed record DockerCacheSpec(string Text, string Type, ImmutableSortedDictionary<string, string> Attributes)
{
    /// <summary>The cache backends BuildKit knows.</summary>
    public static ImmutableArray<string> Types { get; } = ["registry", "local", "inline", "gha", "s3", "azblob"];

    /// <summary>The image reference of a registry cache (or a bare reference), else null.</summary>
    public string? Reference => Attributes.GetValueOrDefault("ref");

    /// <summary>The spec, or why it is not one. <paramref name="export"/>: a --cache-to (inline is export-only, and local needs dest).</summary>
    public static (DockerCacheSpec? Spec, string? Problem) Parse(string text, bool export)
    {
        var fields = text.Split(',', StringSplitOptions.TrimEntries);
        if (fields.Length == 1 && !fields[0].Contains('='))
        {
            return fields[0].Length == 0 || fields[0].Any(char.IsWhiteSpace)
                ? (null, "it is neither type=…,key=value fields nor an image reference")
                : (new DockerCacheSpec(text, "registry", ImmutableSortedDictionary<string, string>.Empty.Add("ref", fields[0])), null);
        }
        var attributes = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            var eq = field.IndexOf('=');
            if (eq <= 0)
            {
                return (null, $"the field '{field}' is not key=value");
            }
            var key = field[..eq].ToLowerInvariant();
            if (!attributes.TryAdd(key, field[(eq + 1)..]))
            {
                return (null, $"'{key}' is given twice");
            }
        }
        if (!attributes.Remove("type", out var type))
        {
            return (null, "it has no type= field");
        }
        type = type.ToLowerInvariant();
        if (!Types.Contains(type))
        {
            return (null, $"the type '{type}' is not one of {string.Join(", ", Types)}");
        }
        var problem = (type, export) switch
        {
            ("inline", false) => "type=inline only exports; import an inline cache by its image (type=registry,ref=IMAGE)",
            ("registry", _) when !attributes.ContainsKey("ref") => "type=registry needs ref=IMAGE",
            ("local", false) when !attributes.ContainsKey("src") => "type=local needs src=FOLDER",
            ("local", true) when !attributes.ContainsKey("dest") => "type=local needs dest=FOLDER",
            _ => null,
        };
        return problem is null ? (new DockerCacheSpec(text, type, attributes.ToImmutable()), null) : (null, problem);
    }
}
