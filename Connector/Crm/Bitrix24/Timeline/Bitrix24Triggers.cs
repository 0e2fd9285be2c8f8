using Connector.Timeline;

namespace Connector.Crm.Bitrix24.Timeline;

/// <summary>
/// The app's automation triggers (crm.automation.trigger.add: CODE matches <c>[a-z0-9.\-_]</c>;
/// api-reference/crm/automation/triggers/crm-automation-trigger-add.md) and which result fires which.
/// </summary>
public static class Bitrix24Triggers
{
    public static string? CodeFor(TimelineKind kind) => kind switch
    {
        TimelineKind.Opened => "email_opened",
        TimelineKind.Clicked => "link_clicked",
        TimelineKind.Unsubscribed => "unsubscribed",
        TimelineKind.BounceHard => "hard_bounce",
        TimelineKind.Complaint => "complaint",
        _ => null,
    };
}
