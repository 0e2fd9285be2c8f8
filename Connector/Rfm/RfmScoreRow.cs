namespace Connector.Rfm;

/// <summary>One contact's figures over its won deals and its 1..5 scores, as the refresh query computes them.</summary>
public sealed record RfmScoreRow
{
    public long ContactId { get; init; }

    public string FirstWonAt { get; init; } = "";

    public string LastWonAt { get; init; } = "";

    public long Frequency { get; init; }

    public double Monetary { get; init; }

    public long R { get; init; }

    public long F { get; init; }

    public long M { get; init; }
}
