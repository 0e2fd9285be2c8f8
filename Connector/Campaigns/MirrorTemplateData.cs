using Connector.Templates;

namespace Connector.Campaigns;

/// <summary>
/// Mirrored contacts' template data (<see cref="CampaignRecipients.Data"/>: the contact, its deals, and with a deal
/// that deal), read from the mirror one reserved batch at a time: a campaign to a million contacts holds one batch of
/// contacts with their deals in memory, not all of them.
/// </summary>
public sealed class MirrorTemplateData(CampaignMirror mirror, long portalId, TemplateDeal? deal, TemplateSender sender) : ITemplateDataSource
{
    private Dictionary<long, TemplateData> _batch = [];

    public async Task LoadAsync(IReadOnlyList<long> contactIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contactIds);
        var batch = new Dictionary<long, TemplateData>(contactIds.Count);
        if (contactIds.Count > 0)
        {
            foreach (var contact in await mirror.ContactsAsync(portalId, contactIds, cancellationToken))
            {
                // Deleted since the selection: the contact's letter still renders from what the mirror keeps, as before.
                batch[contact.Contact.Id] = CampaignRecipients.Data(contact, deal, sender);
            }
        }

        Volatile.Write(ref _batch, batch);
    }

    public TemplateData? DataOf(long contactId) => Volatile.Read(ref _batch).GetValueOrDefault(contactId);
}
