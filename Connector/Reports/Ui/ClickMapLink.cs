namespace Connector.Reports.Ui;

/// <summary>A clicked link of a report: its address, counts, share of the human clicks, and whether the rendered letter holds it.</summary>
public sealed record ClickMapLink(string Url, long HumanClicks, long Clicks, long HumanClickers, long Clickers, double Share, bool InLetter);
