using Connector.Sending.Ledger;
using Connector.Store;
using Connector.Templates;

namespace Connector.Campaigns;

/// <summary>
/// Picks a campaign's recipients from the mirror: each contact's first valid e-mail (<c>contact_emails.is_valid</c>),
/// skipping — and counting per <see cref="CampaignSkip"/> reason — contacts that are not mirrored, not on the deal,
/// have no e-mail or only invalid ones, whose address is suppressed, or whom the CRM marks unsubscribed
/// (<see cref="UnsubscribedField"/> = <c>Y</c> or <c>1</c>). Template data is the contact's, and with a deal that deal's.
/// </summary>
public sealed class CampaignRecipients(MirrorQueries portals, CampaignMirror mirror, SendLedgerStore ledger)
{
    /// <summary>The contact field a CRM user ticks to opt a contact out (the connector creates it at install; issue 9 item 4).</summary>
    public const string UnsubscribedField = "UF_CRM_ESP_UNSUBSCRIBED";

    /// <summary>The selection, or a problem naming the portal or deal that is not in the mirror.</summary>
    /// <param name="queueing">Each recipient is handed to it as it is chosen; the selection keeps only their count.</param>
    public async Task<(CampaignSelection? Selection, string? Problem)> SelectAsync(CampaignContacts request, TemplateSender sender, RecipientQueueing queueing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await portals.PortalIdAsync(request.PortalKey, cancellationToken) is not { } portalId)
        {
            return (null, $"the mirror has no data for portal {request.PortalKey} yet; run crm-esp sync first");
        }

        ArgumentNullException.ThrowIfNull(queueing);
        queueing.PortalId = portalId;

        var skipped = CampaignSkip.All.ToDictionary(r => r, _ => 0, StringComparer.Ordinal);
        var ids = request.Ids?.Distinct().ToList();
        var requested = ids?.Count;
        if (request.DealId is { } dealId)
        {
            if (await mirror.DealContactsAsync(portalId, dealId, cancellationToken) is not { } onDeal)
            {
                return (null, $"deal {dealId} is not in the mirror of {request.PortalKey}; run crm-esp sync first");
            }

            var contactsOnDeal = onDeal.ToHashSet();
            skipped[CampaignSkip.NotOnDeal] = ids?.Count(id => !contactsOnDeal.Contains(id)) ?? 0;
            ids = ids is null ? [.. contactsOnDeal] : ids.Where(contactsOnDeal.Contains).ToList();
        }

        // Streamed: a million contacts are read once, and only (address, id) of each recipient is kept; template data is
        // read back a reserved batch at a time when the letters render (MirrorTemplateData).
        var suppressed = (await ledger.SuppressionsAsync(cancellationToken)).Select(s => s.Address).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // By the address's 62-bit id (as a file's recipients are keyed): 8 bytes a recipient instead of its string.
        var taken = new HashSet<long>();
        var (duplicates, live, count) = (0, 0, 0);
        if (ids is not { Count: 0 })
        {
            await foreach (var candidate in mirror.CandidatesAsync(portalId, ids, cancellationToken))
            {
                if (candidate.Deleted)
                {
                    continue;
                }

                live++;
                var reason = candidate.Email is not { } address ? (candidate.HasEmails ? CampaignSkip.InvalidEmail : CampaignSkip.NoEmail)
                    : Unsubscribed(candidate.CustomFields) ? CampaignSkip.UnsubscribedInCrm
                    : suppressed.Contains(address) ? CampaignSkip.Suppressed
                    : null;
                if (reason is not null)
                {
                    skipped[reason]++;
                    continue;
                }

                if (!taken.Add(Sending.Hygiene.RecipientImport.ContactIdOf(candidate.Email!)))
                {
                    duplicates++;
                    continue;
                }

                count++;
                await queueing.AddAsync(candidate.Email!, candidate.Id, null, cancellationToken);
            }
        }

        skipped[CampaignSkip.NotFound] = ids is null ? 0 : ids.Count - live;
        var deal = request.DealId is { } wanted && ids is { Count: > 0 }
            ? (await mirror.ContactsAsync(portalId, ids, cancellationToken)).Where(c => !c.Deleted).SelectMany(c => c.Deals).FirstOrDefault(d => d.Id == wanted)
            : null;
        return (new CampaignSelection
        {
            PortalId = portalId, Contacts = requested ?? ids?.Count ?? live, RecipientCount = count,
            Data = new MirrorTemplateData(mirror, portalId, deal, sender), Skipped = skipped, Duplicates = duplicates,
        }, null);
    }

    /// <summary>The CRM marks the contact opted out (<see cref="UnsubscribedField"/> is <c>Y</c> or <c>1</c>).</summary>
    public static bool Unsubscribed(MirroredContact contact) => contact is not null && Unsubscribed(contact.CustomFields);

    /// <summary>The contact's raw custom fields mark it opted out (<see cref="UnsubscribedField"/> is <c>Y</c> or <c>1</c>).</summary>
    public static bool Unsubscribed(IReadOnlyDictionary<string, IReadOnlyList<string>> customFields) =>
        customFields is not null && customFields.TryGetValue(UnsubscribedField, out var values)
        && values.Any(v => v.Trim() is "1" || v.Trim().Equals("Y", StringComparison.OrdinalIgnoreCase));

    /// <summary>The contact's template data; with a deal, <c>{{ deal }}</c> is that deal (TemplateData.From would pick the contact's newest open one).</summary>
    public static TemplateData Data(MirroredContact contact, TemplateDeal? deal, TemplateSender sender)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var data = TemplateData.From(contact.Contact, contact.Deals, sender, "");
        if (deal is null)
        {
            return data;
        }

        var only = TemplateData.From(contact.Contact, [deal], sender, "");
        return data with { Values = new Dictionary<string, object?>(data.Values, StringComparer.Ordinal) { ["deal"] = only.Values["deal"] } };
    }
}
