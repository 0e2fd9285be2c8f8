namespace Connector.Web.Tabs;

/// <summary>A template rendered for the card's contact, as it would be sent (the HTML shown only in a sandboxed iframe).</summary>
public sealed record TabPreview(string Template, int Version, string Subject, string? Preheader, string Html, string? Text, long ContactId, string? Recipient, string? RecipientDisplay);
