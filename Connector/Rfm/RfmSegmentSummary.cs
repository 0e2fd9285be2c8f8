namespace Connector.Rfm;

/// <summary>A named segment: contacts, their monetary value, mean days since the last won deal and mean won deals.</summary>
public sealed record RfmSegmentSummary
{
    public string Segment { get; init; } = "";

    public long Contacts { get; init; }

    public double Monetary { get; init; }

    public double AverageRecencyDays { get; init; }

    public double AverageFrequency { get; init; }
}
