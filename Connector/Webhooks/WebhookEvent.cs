namespace Connector.Webhooks;

/// <summary>One result to announce: <paramref name="Id"/> is the webhook-id (stable per fact), <paramref name="Body"/> the exact JSON every attempt sends.</summary>
public sealed record WebhookEvent(long PortalId, string Id, string Type, string Body);
