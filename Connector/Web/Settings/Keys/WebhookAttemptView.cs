namespace Connector.Web.Settings.Keys;

/// <summary>One delivery attempt of the log: when, the event (webhook-id and type), the HTTP status or the error, the delivery's state.</summary>
public sealed record WebhookAttemptView(long Id, string At, string EventId, string Type, long? StatusCode, string? Error, string State);
