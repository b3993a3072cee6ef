using System.Text.Json;
using System.Text.Json.Serialization;
using GoDocker.ProxyGateway.Snapshots;

namespace GoDocker.ProxyGateway.Cache;

/// <summary>
/// The JSON files the gateway keeps in its cache folder (pins, lists, snapshot manifests), serialized by generated
/// code: the build's gateway is compiled ahead of time, where reflection-based serialization is not available.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PinRecord))]
[JsonSerializable(typeof(ListRecord))]
[JsonSerializable(typeof(SnapshotManifest))]
public sealed partial class CacheJsonContext : JsonSerializerContext
{
    /// <summary>Snapshot manifests are indented: people read and diff them.</summary>
    public static CacheJsonContext Indented { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
}
