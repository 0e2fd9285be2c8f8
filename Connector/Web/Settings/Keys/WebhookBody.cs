namespace Connector.Web.Settings.Keys;

/// <summary>A subscriber as the page sends it: the URL and the event types.</summary>
public sealed record WebhookBody(string? Url, IReadOnlyList<string>? Events);
