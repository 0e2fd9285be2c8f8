namespace Connector.Scenarios;

/// <summary>What a send step did for one enrollment, as the funnel reads it (any step row: a send or a CRM outcome).</summary>
internal sealed record FunnelSendRow
{
    public long EnrollmentId { get; init; }

    public string Step { get; init; } = "";

    public bool Sent { get; init; }

    public bool Opened { get; init; }

    public bool Clicked { get; init; }
}
