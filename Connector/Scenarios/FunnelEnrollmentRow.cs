namespace Connector.Scenarios;

/// <summary>An enrollment of one version as the funnel reads it: its state and the step it is at (or ended at).</summary>
internal sealed record FunnelEnrollmentRow
{
    public long Id { get; init; }

    public string State { get; init; } = "";

    public string? Step { get; init; }
}
