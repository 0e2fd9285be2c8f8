namespace Connector.Reports.Ui;

/// <summary>A template the portal's stored letters were rendered from (nominal for Dapper).</summary>
public sealed record TemplateListRow
{
    public string Name { get; init; } = "";

    public long Version { get; init; }

    public string FirstUsedAt { get; init; } = "";

    public string LastUsedAt { get; init; } = "";
}
