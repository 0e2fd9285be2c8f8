namespace Connector.Sync;

public enum SyncMode
{
    /// <summary>Everything, with deletions found by what the pass did not see.</summary>
    Full,

    /// <summary>What changed since the last pass, stage history since its cursor, and an ID reconcile when due.</summary>
    Incremental,
}
