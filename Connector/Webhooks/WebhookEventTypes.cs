namespace Connector.Webhooks;

/// <summary>The event types a subscriber can ask for (the SQL CHECK of webhook_deliveries.type lists the same).</summary>
public static class WebhookEventTypes
{
    public const string Sent = "sent";
    public const string Opened = "opened";
    public const string Clicked = "clicked";
    public const string Unsubscribed = "unsubscribed";
    public const string Bounced = "bounced";
    public const string Complained = "complained";

    public static IReadOnlyList<string> All { get; } = [Sent, Opened, Clicked, Unsubscribed, Bounced, Complained];

    /// <summary>The distinct types of a comma-separated list, or the first unknown one.</summary>
    public static (IReadOnlyList<string>? Types, string? Unknown) Parse(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var types = new List<string>();
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var type = part.ToLowerInvariant();
            if (!All.Contains(type))
            {
                return (null, part);
            }

            if (!types.Contains(type))
            {
                types.Add(type);
            }
        }

        return types.Count == 0 ? (null, list) : (types, null);
    }
}
