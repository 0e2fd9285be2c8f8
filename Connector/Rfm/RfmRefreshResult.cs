namespace Connector.Rfm;

/// <summary>What one portal's refresh wrote: contacts scored, segment changes recorded, the currency summed.</summary>
public sealed record RfmRefreshResult(long PortalId, int Contacts, int Moves, string? Currency, DateTimeOffset ComputedAt);
