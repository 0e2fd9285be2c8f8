namespace Connector.Timeline;

/// <summary>The text forms of <see cref="TimelineKind"/> and <see cref="TimelineAction"/>, mirrored by the CHECKs of 0012.</summary>
public static class TimelineNames
{
    public const string Pending = "pending";
    public const string Written = "written";
    public const string Failed = "failed";

    public static string Of(TimelineKind kind) => kind switch
    {
        TimelineKind.Sent => "sent",
        TimelineKind.Opened => "opened",
        TimelineKind.Clicked => "clicked",
        TimelineKind.Unsubscribed => "unsubscribed",
        TimelineKind.BounceHard => "bounce_hard",
        TimelineKind.BounceSoft => "bounce_soft",
        TimelineKind.BouncePolicy => "bounce_policy",
        TimelineKind.Complaint => "complaint",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Of(TimelineAction action) => action switch
    {
        TimelineAction.LogContact => "log_contact",
        TimelineAction.LogDeal => "log_deal",
        TimelineAction.OptOut => "opt_out",
        TimelineAction.Trigger => "trigger",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public static TimelineKind Kind(string text) =>
        Enum.GetValues<TimelineKind>().First(k => Of(k) == text);

    public static TimelineAction Action(string text) =>
        Enum.GetValues<TimelineAction>().First(a => Of(a) == text);
}
