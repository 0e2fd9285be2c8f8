namespace Connector.Reports.Ui;

/// <summary>A scenario of the portal (nominal for Dapper).</summary>
public sealed record ScenarioListRow
{
    public long Id { get; init; }

    public string Name { get; init; } = "";

    public string State { get; init; } = "";

    public string CreatedAt { get; init; } = "";
}
