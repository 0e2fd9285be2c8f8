namespace Connector.Sync;

public static class SyncCursorNames
{
    public const string Baseline = "baseline.at";
    public const string ContactsModified = "contacts.modified";
    public const string DealsModified = "deals.modified";
    public const string HistoryLastId = "history.last_id";
    public const string ReconciledAt = "reconcile.at";
}
