namespace Connector.Campaigns.Broadcasts;

/// <summary>
/// One A/B or bandit variant: its own subject, sender (From address on the sending domain, and name) and/or template;
/// null = the campaign's (nominal, for Dapper).
/// </summary>
public sealed record CampaignVariant
{
    public required string Name { get; init; }

    public string? TemplateName { get; init; }

    public string? Subject { get; init; }

    public string? FromAddress { get; init; }

    public string? FromName { get; init; }
}
