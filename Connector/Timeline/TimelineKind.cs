namespace Connector.Timeline;

/// <summary>What happened to a message; one CRM write per (message, kind, action). Text forms are the outbox's <c>kind</c>.</summary>
public enum TimelineKind
{
    Sent,
    Opened,
    Clicked,
    Unsubscribed,
    BounceHard,
    BounceSoft,
    BouncePolicy,
    Complaint,
}
