namespace GoDocker.ProxyGateway.Cache;

/// <summary>A cached <c>@v/list</c> or <c>@latest</c> answer and when it was fetched (these expire; pins never do).</summary>
public sealed record ListRecord(string Key, string Body, DateTimeOffset FetchedAt);
