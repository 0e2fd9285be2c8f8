namespace Connector.Reports.Ui;

/// <summary>Clicks on one link over a report's messages: hits (total) and messages (unique), human and raw (nominal for Dapper).</summary>
public sealed record LinkClicks
{
    public string Url { get; init; } = "";

    public long HumanClicks { get; init; }

    public long Clicks { get; init; }

    public long HumanClickers { get; init; }

    public long Clickers { get; init; }
}
