namespace Connector.Reports.Ui;

/// <summary>The group a row of figures counts under (a send key, scenario id, template name, domain or UTC hour; nominal for Dapper).</summary>
public sealed record ReportGroup
{
    public string Group { get; init; } = "";
}
