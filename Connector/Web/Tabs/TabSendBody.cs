namespace Connector.Web.Tabs;

/// <summary>The body of "preview" and "send a template now": the stored template's name and, on a deal's card, which of its contacts (the first when null).</summary>
public sealed record TabSendBody(string? Template, long? ContactId);
