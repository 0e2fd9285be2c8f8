namespace Connector.Sync;

/// <summary>An inbox row waiting to be applied.</summary>
public sealed record PendingChange
{
    public long Id { get; init; }

    public long PortalId { get; init; }

    public string PortalKey { get; init; } = "";

    public string Event { get; init; } = "";

    public string Kind { get; init; } = "";

    public string Change { get; init; } = "";

    public long EntityId { get; init; }

    public CrmRecordKind RecordKind => Enum.Parse<CrmRecordKind>(Kind);

    public bool IsDelete => Change == nameof(CrmChangeType.Delete);
}
