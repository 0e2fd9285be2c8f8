namespace Connector.Reports.Ui;

/// <summary>One message's seconds from its send to the first human open and click (null when none; nominal for Dapper).</summary>
public sealed record ReactionRow
{
    public double? OpenSeconds { get; init; }

    public double? ClickSeconds { get; init; }
}
