namespace Connector.Web.Tabs;

/// <summary>A contact of the card (the contact itself, or each of a deal's contacts) with its mirrored e-mails.</summary>
public sealed record TabContact(long Id, string? Name, IReadOnlyList<TabAddress> Addresses);
