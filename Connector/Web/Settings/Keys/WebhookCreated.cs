namespace Connector.Web.Settings.Keys;

/// <summary>A new subscriber and its signing secret: the only answer that carries the secret (shown once).</summary>
public sealed record WebhookCreated(WebhookView Webhook, string Secret);
