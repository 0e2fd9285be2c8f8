using Connector.Templates;

namespace Connector.Campaigns;

/// <summary>
/// The mirrored contacts a campaign goes to (queued as they were chosen): how many, where their template data is read from, how many contacts
/// were looked at, the skipped ones per <see cref="CampaignSkip"/> reason, and contacts whose address an earlier
/// contact already took (<see cref="Duplicates"/>: a send key mails an address once).
/// </summary>
public sealed record CampaignSelection
{
    public required long PortalId { get; init; }

    public required int Contacts { get; init; }

    /// <summary>How many recipients were chosen and handed to the queueing.</summary>
    public required int RecipientCount { get; init; }

    public required ITemplateDataSource Data { get; init; }

    public required IReadOnlyDictionary<string, int> Skipped { get; init; }

    public int Duplicates { get; init; }

    public int SkippedTotal => Skipped.Values.Sum();
}
