namespace Connector.Sync;

/// <summary>One kind of record to read: everything, or what changed since an instant; whole records or IDs only.</summary>
public sealed record CrmStreamRequest(DateTimeOffset? ModifiedSince = null, bool IdsOnly = false);
