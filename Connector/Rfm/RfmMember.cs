namespace Connector.Rfm;

/// <summary>A scored contact as the app lists a segment's members.</summary>
public sealed record RfmMember
{
    public long ContactId { get; init; }

    public string? Name { get; init; }

    public string? Email { get; init; }

    public string LastWonAt { get; init; } = "";

    public long RecencyDays { get; init; }

    public long Frequency { get; init; }

    public double Monetary { get; init; }

    public long R { get; init; }

    public long F { get; init; }

    public long M { get; init; }

    public string Since { get; init; } = "";
}
