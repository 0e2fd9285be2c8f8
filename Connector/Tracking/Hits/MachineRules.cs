namespace Connector.Tracking.Hits;

/// <summary>
/// Whether a hit is a machine's, and why (<c>engagement_hits.machine_reason</c>); null for a human one. In order: the
/// agent (a proxy or scanner); an open or click within <c>Tracking:MachineWindowSeconds</c> of delivery (the ledger
/// row's <c>updated_at</c> once <c>sent</c>, or a row not yet marked sent); a click on another link of the same message
/// within <c>Tracking:LinkBurstMilliseconds</c> of the previous click (scanners fetch every link at once). The first click
/// of such a burst is already stored as it came; rows are never rewritten (readers follow them by id). Unsubscribes are
/// deliberate POSTs and never flagged. Pure.
/// </summary>
public static class MachineRules
{
    public static string? Reason(TrackingHit hit, LedgerFacts ledger, DateTimeOffset? lastClickAt, string? lastClickUrl, TimeSpan deliveryWindow, TimeSpan burstWindow)
    {
        ArgumentNullException.ThrowIfNull(hit);
        ArgumentNullException.ThrowIfNull(ledger);
        if (hit.Kind == HitKind.Unsubscribe)
        {
            return null;
        }

        if (hit.Agent.MachineReason is { } agent)
        {
            return agent;
        }

        var sinceDelivery = hit.At - ledger.UpdatedAt;
        if ((ledger.State == "sent" && sinceDelivery < deliveryWindow) || ledger.State is "queued" or "sending")
        {
            return "soon_after_delivery";
        }

        return hit.Kind == HitKind.Click && lastClickAt is { } last && hit.At - last < burstWindow && !string.Equals(lastClickUrl, hit.Url, StringComparison.Ordinal)
            ? "link_burst"
            : null;
    }
}
