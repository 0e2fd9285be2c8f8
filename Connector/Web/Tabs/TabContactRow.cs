namespace Connector.Web.Tabs;

/// <summary>A contact of the card (nominal for Dapper).</summary>
public sealed record TabContactRow
{
    public long Id { get; init; }

    public string? Name { get; init; }
}
