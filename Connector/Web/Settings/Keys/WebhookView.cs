namespace Connector.Web.Settings.Keys;

/// <summary>A webhook subscriber as listed: URL, events, state (and why it was disabled) — never its signing secret.</summary>
public sealed record WebhookView(long Id, string Url, IReadOnlyList<string> Events, string State, string? FailingSince, string? DisabledAt, string? DisabledReason, string CreatedAt);
