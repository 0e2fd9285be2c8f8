namespace Connector.Segments;

/// <summary>A saved segment's newest version (a Dapper row: nominal, init properties).</summary>
public sealed record SavedSegment
{
    public required string Name { get; init; }

    public required long Version { get; init; }

    public required string Expression { get; init; }

    public required string CreatedAt { get; init; }

    /// <summary>The portal whose page saved it; null for the operator's (saved by the CLI, read by every portal).</summary>
    public long? PortalId { get; init; }
}
