namespace Connector.Segments;

/// <summary>A contact in a segment, as export writes it (Emails joined by <see cref="Store.MirrorQueries.ListSeparator"/>).</summary>
public sealed record SegmentContactRow
{
    public required long Id { get; init; }

    public string? Name { get; init; }

    public string? SecondName { get; init; }

    public string? LastName { get; init; }

    public string? Emails { get; init; }

    public string? CreatedAt { get; init; }

    public string? ModifiedAt { get; init; }
}
