namespace Connector.Web.Tabs;

/// <summary>
/// A message's status on the card, the furthest it got: queued (waiting or deferred), sent (handed to the relay,
/// outcome pending), delivered (accepted, no bounce), opened, clicked, bounced_hard, bounced_soft (soft or policy),
/// complained, unsubscribed, suppressed (never sent: the address is on the list), failed or expired (never sent).
/// </summary>
public static class TabStatuses
{
    public const string Queued = "queued";
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Opened = "opened";
    public const string Clicked = "clicked";
    public const string BouncedHard = "bounced_hard";
    public const string BouncedSoft = "bounced_soft";
    public const string Complained = "complained";
    public const string Unsubscribed = "unsubscribed";
    public const string Suppressed = "suppressed";
    public const string Failed = "failed";
    public const string Expired = "expired";

    /// <summary>The status of a ledger row and its results (complaint, then unsubscribe, then bounce, then clicks and opens).</summary>
    public static string Of(string state, string? bounce, bool complained, string? unsubscribedAt, long humanClicks, long humanOpens) => state switch
    {
        "queued" or "deferred" => Queued,
        "sending" => Sent,
        "suppressed" => Suppressed,
        "expired" => Expired,
        "failed" => bounce == "hard" ? BouncedHard : Failed,
        _ when complained => Complained,
        _ when unsubscribedAt is not null => Unsubscribed,
        _ when bounce == "hard" => BouncedHard,
        _ when bounce is "soft" or "policy" => BouncedSoft,
        _ when humanClicks > 0 => Clicked,
        _ when humanOpens > 0 => Opened,
        _ => Delivered,
    };
}
