using System.Text.Json.Nodes;

namespace GoDocker.Core.Images;

/// <summary>The runtime image publish builds on: its config (null for scratch) and its layers, oldest first.</summary>
public sealed record BaseImage(JsonObject? Config, IReadOnlyList<ImageLayer> Layers, string Os, string Architecture)
{
    public IReadOnlyList<string> DiffIds => [.. Layers.Select(l => l.DiffId)];
}
