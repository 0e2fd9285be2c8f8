namespace Connector.Reports.Ui;

/// <summary>A portal's messages waiting because the relay could not be reached: how many, until when, the latest reason (nominal for Dapper).</summary>
public sealed record OutageRow
{
    public long Rows { get; init; }

    public string? Until { get; init; }

    public string? Detail { get; init; }
}
