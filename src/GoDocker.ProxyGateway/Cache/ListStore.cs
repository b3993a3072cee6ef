using System.Text.Json;

namespace GoDocker.ProxyGateway.Cache;

/// <summary>List and @latest answers on disk under <c>lists/</c>, one JSON record per key, replaced atomically.</summary>
public sealed class ListStore(CacheLayout layout) : IListCache
{
    public ListRecord? Get(string key) => Read(layout.ListPath(key));

    public Task PutAsync(ListRecord record, CancellationToken cancellationToken) =>
        AtomicFile.WriteAllBytesAsync(layout, layout.ListPath(record.Key), JsonSerializer.SerializeToUtf8Bytes(record, CacheJsonContext.Default.ListRecord), cancellationToken);

    public IReadOnlyList<ListRecord> All() =>
        Directory.EnumerateFiles(layout.ListsFolder, "*.json", SearchOption.AllDirectories).Select(Read).OfType<ListRecord>().ToArray();

    private static ListRecord? Read(string file)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(file), CacheJsonContext.Default.ListRecord);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
