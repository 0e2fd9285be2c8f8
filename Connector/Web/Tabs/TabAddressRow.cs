namespace Connector.Web.Tabs;

/// <summary>A mirrored e-mail of a card's contact with its suppression entry, if any (nominal for Dapper).</summary>
public sealed record TabAddressRow
{
    public long ContactId { get; init; }

    public string Address { get; init; } = "";

    public bool IsValid { get; init; }

    public string? Reason { get; init; }

    public string? Source { get; init; }

    public string? SuppressedAt { get; init; }
}
