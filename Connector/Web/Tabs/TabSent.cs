namespace Connector.Web.Tabs;

/// <summary>What "send a template now" queued: the message (ledger row) and its recipient.</summary>
public sealed record TabSent(long Id, string Status, string? Recipient, string? RecipientDisplay);
