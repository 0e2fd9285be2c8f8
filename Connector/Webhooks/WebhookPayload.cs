using System.Text.Json;
using Connector.Feed;
using Connector.Store;

namespace Connector.Webhooks;

/// <summary>
/// Results → events. The body is <c>{type, timestamp, data:{message_id, send_key, recipient, contact_id, deal_id, link,
/// bounce_kind, bounce_status, machine}}</c> (message_id is the ledger row); the id is the fact's own (<c>evt_ledger_7</c>,
/// <c>evt_hit_9</c>, <c>evt_bounce_3</c>), so a re-read or a retry carries the same webhook-id. Results without a portal make no event.
/// </summary>
public static class WebhookPayload
{
    // Machine hits are announced with machine: true (the subscriber decides), not dropped as the timeline does.
    public static WebhookEvent? From(ResultFact result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.PortalId is not { } portal)
        {
            return null;
        }

        var (type, bounceKind) = result.Kind switch
        {
            ResultKind.Sent => (WebhookEventTypes.Sent, (string?)null),
            ResultKind.Opened => (WebhookEventTypes.Opened, null),
            ResultKind.Clicked => (WebhookEventTypes.Clicked, null),
            ResultKind.Unsubscribed => (WebhookEventTypes.Unsubscribed, null),
            ResultKind.BouncedHard => (WebhookEventTypes.Bounced, "hard"),
            ResultKind.BouncedSoft => (WebhookEventTypes.Bounced, "soft"),
            ResultKind.BouncedPolicy => (WebhookEventTypes.Bounced, "policy"),
            ResultKind.Complained => (WebhookEventTypes.Complained, null),
            _ => ((string?)null, null),
        };
        if (type is null)
        {
            return null;
        }

        var body = JsonSerializer.Serialize(new
        {
            type,
            timestamp = UtcText.From(result.At),
            data = new
            {
                message_id = result.LedgerId,
                send_key = result.SendKey,
                recipient = result.Recipient,
                contact_id = result.ContactId,
                deal_id = result.DealId,
                link = result.Url,
                bounce_kind = bounceKind,
                bounce_status = result.Status,
                machine = result.Machine,
            },
        });
        return new WebhookEvent(portal, $"{IdPrefix(result.Source)}_{result.Id}", type, body);
    }

    private static string IdPrefix(ResultSource source) => source switch
    {
        ResultSource.Ledger => "evt_ledger",
        ResultSource.Hits => "evt_hit",
        _ => "evt_bounce",
    };
}
