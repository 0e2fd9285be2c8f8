namespace Connector.Scenarios;

/// <summary>A contact or deal holding a date_field trigger's field, with the mailed contact's fields (for its time zone).</summary>
public sealed record DateFieldRow
{
    public long Id { get; init; }

    public string? Fields { get; init; }

    public long? ContactId { get; init; }

    public string? ContactFields { get; init; }
}
