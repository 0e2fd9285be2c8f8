namespace Connector.Tracking.Hits;

/// <summary>The store's text for each <see cref="HitKind"/> and <see cref="AgentClass"/>.</summary>
public static class HitKinds
{
    public static string Sql(this HitKind kind) => kind switch
    {
        HitKind.Open => "open",
        HitKind.Click => "click",
        HitKind.Unsubscribe => "unsubscribe",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Sql(this AgentClass agent) => agent switch
    {
        AgentClass.AppleMpp => "apple_mpp",
        AgentClass.GmailProxy => "gmail_proxy",
        AgentClass.ImageProxy => "image_proxy",
        AgentClass.Scanner => "scanner",
        AgentClass.Browser => "browser",
        AgentClass.MailClient => "mail_client",
        AgentClass.Unknown => "unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(agent), agent, null),
    };
}
