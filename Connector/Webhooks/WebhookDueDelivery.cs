namespace Connector.Webhooks;

/// <summary>A pending delivery whose time has come, with its subscriber's URL and secret (nominal for Dapper).</summary>
public sealed record WebhookDueDelivery
{
    public long Id { get; init; }

    public long SubscriberId { get; init; }

    public string EventId { get; init; } = "";

    public string Body { get; init; } = "";

    public long Attempts { get; init; }

    public string CreatedAt { get; init; } = "";

    public string Url { get; init; } = "";

    public string Secret { get; init; } = "";

    public string? FailingSince { get; init; }

    public override string ToString() => $"delivery {Id} of {EventId} to webhook {SubscriberId}";
}
