namespace Connector.Reports;

/// <summary>Clicks on one link of a message (engagement_links; nominal for Dapper).</summary>
public sealed record ReportLink
{
    public long LedgerId { get; init; }

    public string Url { get; init; } = "";

    public long HumanClicks { get; init; }

    public long Clicks { get; init; }

    public string? FirstHumanClickAt { get; init; }
}
