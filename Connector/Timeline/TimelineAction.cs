namespace Connector.Timeline;

/// <summary>The CRM write an outbox entry stands for. Text forms are the outbox's <c>action</c>.</summary>
public enum TimelineAction
{
    /// <summary>A timeline entry on the contact.</summary>
    LogContact,

    /// <summary>The same entry on the deal the send belongs to.</summary>
    LogDeal,

    /// <summary>The contact's opt-out field set (an unsubscribe travels back to the CRM).</summary>
    OptOut,

    /// <summary>The CRM's automation trigger for the kind, fired for the deal.</summary>
    Trigger,
}
