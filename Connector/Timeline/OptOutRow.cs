namespace Connector.Timeline;

/// <summary>A mirrored contact whose opt-out field differs from what was last seen (nominal for Dapper).</summary>
public sealed record OptOutRow
{
    public long PortalId { get; init; }

    public long ContactId { get; init; }

    public string? Value { get; init; }

    public long? Seen { get; init; }
}
