namespace GoDocker.ProxyGateway.Coordination;

public enum CoordinationEventKind
{
    /// <summary>A file was committed to the shared folder (waiting replicas can stop polling).</summary>
    Committed,
    /// <summary>An upstream served other bytes for a pinned version (GD3050 on the replica that saw it).</summary>
    ContentChanged,
    /// <summary>The default view changed (<c>snapshot use</c>); Subject is the snapshot name, empty for the live cache.</summary>
    SnapshotSwitched,
}

/// <summary>One event between replicas; sent as "kind replica subject" on one Redis channel.</summary>
public sealed record CoordinationEvent(CoordinationEventKind Kind, string Replica, string Subject)
{
    public string Encode() => $"{Kind} {Replica} {Subject}";

    public static CoordinationEvent? Decode(string text)
    {
        var parts = text.Split(' ', 3);
        return parts.Length == 3 && Enum.TryParse<CoordinationEventKind>(parts[0], out var kind) ? new CoordinationEvent(kind, parts[1], parts[2]) : null;
    }
}
