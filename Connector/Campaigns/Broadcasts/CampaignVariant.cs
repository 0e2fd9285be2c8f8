namespace Connector.Campaigns.Broadcasts;

/// <summary>One A/B or bandit variant: its own subject and/or its own template (null = the campaign's).</summary>
public sealed record CampaignVariant(string Name, string? TemplateName, string? Subject);
