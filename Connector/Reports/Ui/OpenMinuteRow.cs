namespace Connector.Reports.Ui;

/// <summary>Human opens in one UTC minute (<c>2026-12-03T16:39</c>; nominal for Dapper).</summary>
public sealed record OpenMinuteRow
{
    public string Minute { get; init; } = "";

    public long Opens { get; init; }
}
