namespace Connector.Campaigns.Broadcasts;

/// <summary>A resolved recipient not queued yet: its place in the campaign's fixed order, the contact, its variant if assigned.</summary>
public sealed record CampaignRecipient(long Position, long ContactId, string? Variant);
