namespace Connector.Campaigns;

/// <summary>A mirrored contact as choosing recipients sees it: its first valid e-mail (null when none), whether it has any, whether it is deleted, its raw custom fields.</summary>
public sealed record CampaignCandidate(long Id, string? Email, bool HasEmails, bool Deleted, IReadOnlyDictionary<string, IReadOnlyList<string>> CustomFields);
