namespace GoDocker.ProxyGateway.Cache;

/// <summary>Cached <c>@v/list</c> and <c>@latest</c> answers; unlike pins they are replaced when fetched again.</summary>
public interface IListCache
{
    ListRecord? Get(string key);

    Task PutAsync(ListRecord record, CancellationToken cancellationToken);

    IReadOnlyList<ListRecord> All();
}
