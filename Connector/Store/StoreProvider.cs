namespace Connector.Store;

/// <summary>Which database engine holds the store (<c>Store:Provider</c>).</summary>
public enum StoreProvider
{
    /// <summary>One local file (<c>Store:Path</c>); the default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database (<c>Store:ConnectionString</c>, Npgsql syntax).</summary>
    Postgres,
}
