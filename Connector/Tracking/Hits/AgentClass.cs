namespace Connector.Tracking.Hits;

/// <summary>Who fetched a tracking URL, as far as the user agent and address tell (<c>engagement_hits.agent_class</c>).</summary>
public enum AgentClass
{
    /// <summary>Apple Mail Privacy Protection: fetches every image when the message arrives, whether read or not.</summary>
    AppleMpp,

    /// <summary>Gmail's image proxy (<c>GoogleImageProxy</c>): fetches and caches images, so later opens are not seen.</summary>
    GmailProxy,

    /// <summary>Another provider's image proxy (Yahoo).</summary>
    ImageProxy,

    /// <summary>A link scanner or security gateway (Outlook Safe Links, Proofpoint, Mimecast, Barracuda…), or a bot or script.</summary>
    Scanner,

    Browser,

    /// <summary>A mail program's own web view (Outlook, Thunderbird, Apple Mail).</summary>
    MailClient,

    Unknown,
}
