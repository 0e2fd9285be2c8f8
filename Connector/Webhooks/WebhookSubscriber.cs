namespace Connector.Webhooks;

/// <summary>A row of webhook_subscribers (nominal for Dapper). <see cref="Secret"/> signs; it is never printed or logged.</summary>
public sealed record WebhookSubscriber
{
    public long Id { get; init; }

    public long PortalId { get; init; }

    public string PortalKey { get; init; } = "";

    public string Url { get; init; } = "";

    public string Events { get; init; } = "";

    public string Secret { get; init; } = "";

    public string State { get; init; } = "";

    public string? FailingSince { get; init; }

    public string? DisabledAt { get; init; }

    public string? DisabledReason { get; init; }

    public string CreatedAt { get; init; } = "";

    public bool Wants(string type) => Events.Split(',').Contains(type, StringComparer.Ordinal);

    public override string ToString() => $"webhook {Id} ({Url}, {State})";
}
