namespace Connector.Tracking.Unsubscribe;

/// <summary>What an unsubscribe covers: this list (the message's send key) or all marketing (a suppression).</summary>
public enum UnsubscribeScope
{
    List,
    All,
}
