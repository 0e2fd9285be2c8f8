namespace Connector.Sync;

public enum CrmChangeType
{
    /// <summary>Added, updated or moved: read the record again.</summary>
    Upsert,

    Delete,
}
