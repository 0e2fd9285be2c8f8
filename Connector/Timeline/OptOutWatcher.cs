using Connector.Sending.Ledger;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Timeline;

/// <summary>
/// The other direction of opt-out: a contact whose CRM opt-out field was ticked (seen in the mirror after the next
/// sync or event) has its valid addresses suppressed (reason <c>unsubscribed</c>, source <c>crm</c>). Clearing the
/// field lifts nothing unless <c>Suppression:CrmMayResubscribe</c> (or the portal's own switch, set in Settings); every change is recorded either way. A pass reads only
/// the contacts the mirror changed since the last pass (contacts.change_seq): none when nothing changed.
/// </summary>
public sealed class OptOutWatcher(
    TimelineOutboxStore store, ICrmTimeline crm, SendLedgerStore suppressions, IOptions<CrmOptOutOptions> options, TimeProvider time, ILogger<OptOutWatcher> logger,
    PortalSettings.PortalSettingsReader? portalSettings = null)
{
    public const string SuppressedOutcome = "suppressed";
    public const string KeptOutcome = "kept_suppressed";
    public const string ResubscribeOutcome = "resubscribed";

    public async Task<int> RunAsync(CancellationToken cancellationToken) => (await PassAsync(cancellationToken)).Changed;

    public async Task<OptOutPass> PassAsync(CancellationToken cancellationToken)
    {
        var (after, upTo) = await store.OptOutRangeAsync(cancellationToken);
        if (upTo <= after)
        {
            return new OptOutPass(0, 0);
        }

        var rows = await store.OptOutCandidatesAsync(crm.OptOutField, after, upTo, cancellationToken);
        var changed = 0;
        foreach (var row in rows)
        {
            var value = IsSet(row.Value);
            if (row.Seen is { } seen && (seen == 1) == value)
            {
                continue;
            }

            if (row.Seen is null && !value)
            {
                // First sight of a contact that never opted out: nothing changed.
                await store.RecordOptOutAsync(row.PortalId, row.ContactId, value, null, 0, time.GetUtcNow(), cancellationToken);
                continue;
            }

            var addresses = await store.AddressesAsync(row.PortalId, row.ContactId, cancellationToken);
            string outcome;
            if (value)
            {
                foreach (var address in addresses)
                {
                    await suppressions.SuppressAsync(address, "unsubscribed", "crm", cancellationToken);
                }

                outcome = SuppressedOutcome;
            }
            else if (portalSettings is null ? options.Value.CrmMayResubscribe : await portalSettings.CrmMayResubscribeAsync(row.PortalId, cancellationToken))
            {
                // The CRM is the authority on opt-outs: its cleared field lifts the unsubscribe (never a bounce or complaint).
                foreach (var address in addresses)
                {
                    await suppressions.ResubscribeAsync(address, cancellationToken);
                }

                outcome = ResubscribeOutcome;
            }
            else
            {
                outcome = KeptOutcome;
            }

            await store.RecordOptOutAsync(row.PortalId, row.ContactId, value, outcome, addresses.Count, time.GetUtcNow(), cancellationToken);
            logger.LogInformation("Timeline: contact {Contact} of portal {Portal} opt-out field {Value} in the CRM: {Outcome} ({Count} addresses)",
                row.ContactId, row.PortalId, value ? "set" : "cleared", outcome, addresses.Count);
            changed++;
        }

        // After the changes are recorded: a pass cut short reads its range again, and what it recorded is then seen.
        await store.MoveOptOutPositionAsync(upTo, time.GetUtcNow(), cancellationToken);
        return new OptOutPass(rows.Count, changed);
    }

    /// <summary>Boolean custom fields come back as 1/0, "1"/"0", Y/N or true/false (bitrix24-automation.md §4.4).</summary>
    public static bool IsSet(string? value) =>
        value is not null && (value == "1" || value.Equals("Y", StringComparison.OrdinalIgnoreCase) || value.Equals("true", StringComparison.OrdinalIgnoreCase));
}
