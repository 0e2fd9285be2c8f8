namespace Connector.Webhooks;

/// <summary>One line of <c>webhooks log</c> (nominal for Dapper).</summary>
public sealed record WebhookAttemptRow
{
    public long Id { get; init; }

    public long SubscriberId { get; init; }

    public string EventId { get; init; } = "";

    public string Type { get; init; } = "";

    public long? StatusCode { get; init; }

    public string? Error { get; init; }

    public string At { get; init; } = "";

    public string State { get; init; } = "";
}
