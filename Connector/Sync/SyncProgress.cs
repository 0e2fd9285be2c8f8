namespace Connector.Sync;

/// <summary>A progress snapshot: rows stored so far and how many are expected (0 when unknown).</summary>
public sealed record SyncProgress(long Contacts, long ExpectedContacts, long Deals, long ExpectedDeals);
