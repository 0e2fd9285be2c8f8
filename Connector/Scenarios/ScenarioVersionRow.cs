namespace Connector.Scenarios;

/// <summary>A <c>scenario_versions</c> row: the canonical definition and the file it was imported from.</summary>
public sealed record ScenarioVersionRow
{
    public string Definition { get; init; } = "";

    public string Source { get; init; } = "";
}
