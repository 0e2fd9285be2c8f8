using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Connector.Timeline;

/// <summary>
/// A fact → its outbox entries: the timeline entry on the contact, the same on the deal when the send has one, the
/// opt-out field for an unsubscribe (both only when the message has a CRM contact), and the deal's automation trigger for the kinds that have one. Each with a
/// dedupe key of (message, kind[, link], target), so a fact seen twice — or a hard bounce reported both at SMTP time
/// and by a DSN — makes one entry.
/// </summary>
public static class TimelineFanOut
{
    /// <summary>Kinds that fire a trigger (item 5: e-mail opened, link clicked, unsubscribed, hard bounce, complaint).</summary>
    public static bool HasTrigger(TimelineKind kind) =>
        kind is TimelineKind.Opened or TimelineKind.Clicked or TimelineKind.Unsubscribed or TimelineKind.BounceHard or TimelineKind.Complaint;

    public static IReadOnlyList<TimelineOutboxInsert> Entries(TimelineFact fact, bool triggers)
    {
        ArgumentNullException.ThrowIfNull(fact);
        var message = fact.LedgerId.ToString(CultureInfo.InvariantCulture);
        var kind = TimelineNames.Of(fact.Kind);
        var what = fact.Kind == TimelineKind.Clicked ? $"{kind}:{message}:{LinkKey(fact.Url)}" : $"{kind}:{message}";
        // A message to an address no mirrored contact holds (an API send by address) has contact 0: no contact to write on.
        var contact = fact.ContactId > 0;
        var entries = new List<TimelineOutboxInsert>();
        if (contact)
        {
            entries.Add(new($"{what}:contact", fact, TimelineAction.LogContact));
        }

        if (fact.DealId is not null)
        {
            entries.Add(new($"{what}:deal", fact, TimelineAction.LogDeal));
        }

        if (contact && fact.Kind == TimelineKind.Unsubscribed)
        {
            entries.Add(new($"opt_out:{message}", fact, TimelineAction.OptOut));
        }

        // Once per (message, kind): a second link clicked in the same message does not fire the trigger again.
        if (triggers && fact.DealId is not null && HasTrigger(fact.Kind))
        {
            entries.Add(new($"trigger:{kind}:{message}", fact, TimelineAction.Trigger));
        }

        return entries;
    }

    private static string LinkKey(string? url) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(url ?? string.Empty)).AsSpan(0, 12));
}
