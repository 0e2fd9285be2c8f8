namespace Connector.Campaigns;

/// <summary>
/// Recipients from the CRM mirror instead of a file: the portal (its key), every contact or the listed IDs, and the
/// deal the send belongs to. With a deal, "every contact" means the deal's contacts, and a listed contact that is not
/// on the deal is skipped (<c>not_on_deal</c>): the results go to that deal's timeline.
/// </summary>
public sealed record CampaignContacts(string PortalKey, IReadOnlyList<long>? Ids)
{
    public long? DealId { get; init; }

    public bool All => Ids is null;
}
