using System.Globalization;
using System.Text.Json;
using Connector.Store;

namespace Connector.Webhooks;

/// <summary>
/// Fact rows → events. The body is <c>{type, timestamp, data:{message_id, send_key, recipient, contact_id, deal_id, link,
/// bounce_kind, bounce_status, machine}}</c> (message_id is the ledger row); the id is the fact's own (<c>evt_ledger_7</c>,
/// <c>evt_hit_9</c>, <c>evt_bounce_3</c>), so a re-read or a retry carries the same webhook-id. Rows without a portal make no event.
/// </summary>
public static class WebhookPayload
{
    // Machine hits are announced with machine: true (the subscriber decides), not dropped as the timeline does.
    public static WebhookEvent? FromHit(WebhookSourceRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var type = row.Kind switch
        {
            "open" => WebhookEventTypes.Opened,
            "click" => WebhookEventTypes.Clicked,
            "unsubscribe" => WebhookEventTypes.Unsubscribed,
            _ => null,
        };
        return type is null ? null : Event(row, $"evt_hit_{row.Id}", type, null, null);
    }

    public static WebhookEvent? FromBounce(WebhookSourceRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Kind switch
        {
            "hard" or "soft" or "policy" => Event(row, $"evt_bounce_{row.Id}", WebhookEventTypes.Bounced, row.Kind, row.Status),
            "complaint" => Event(row, $"evt_bounce_{row.Id}", WebhookEventTypes.Complained, null, row.Status),
            _ => null,
        };
    }

    // As the timeline producer reads the ledger: sent, or a 5xx refusal at SMTP time = a hard bounce.
    public static WebhookEvent? FromLedger(WebhookSourceRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Kind switch
        {
            "sent" => Event(row, $"evt_ledger_{row.Id}", WebhookEventTypes.Sent, null, null),
            "failed" when row.ReplyCode is >= 500 and < 600 => Event(row, $"evt_ledger_{row.Id}", WebhookEventTypes.Bounced, "hard",
                row.ReplyCode.Value.ToString(CultureInfo.InvariantCulture)),
            _ => null,
        };
    }

    private static WebhookEvent? Event(WebhookSourceRow row, string id, string type, string? bounceKind, string? bounceStatus)
    {
        if (row.PortalId is not { } portal)
        {
            return null;
        }

        var body = JsonSerializer.Serialize(new
        {
            type,
            timestamp = UtcText.From(UtcText.Parse(row.At)),
            data = new
            {
                message_id = row.LedgerId,
                send_key = row.SendKey,
                recipient = row.Recipient,
                contact_id = row.ContactId,
                deal_id = row.DealId,
                link = row.Url,
                bounce_kind = bounceKind,
                bounce_status = bounceStatus,
                machine = row.Machine == 1,
            },
        });
        return new WebhookEvent(portal, id, type, body);
    }
}
