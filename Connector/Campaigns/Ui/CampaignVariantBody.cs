namespace Connector.Campaigns.Ui;

/// <summary>One A/B or bandit variant as the page sends it: a name and any of subject, sender (address and name), template.</summary>
public sealed record CampaignVariantBody
{
    public string? Name { get; init; }

    public string? Subject { get; init; }

    public string? FromAddress { get; init; }

    public string? FromName { get; init; }

    public string? Template { get; init; }
}
