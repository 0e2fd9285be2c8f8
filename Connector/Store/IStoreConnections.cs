using System.Data.Common;

namespace Connector.Store;

/// <summary>
/// The store's connections whichever engine holds it (<see cref="SqliteConnectionFactory"/>, <see cref="PostgresConnectionFactory"/>):
/// what a provider-neutral store (the migration runner, and the slices as they move to PostgreSQL) opens and writes through.
/// </summary>
public interface IStoreConnections
{
    StoreProvider Provider { get; }

    /// <summary>The SQL that differs between the engines.</summary>
    StoreDialect Dialect { get; }

    /// <summary>Where the store is, for messages: the file path, or host:port/database (never a password).</summary>
    string Describe { get; }

    /// <summary>An open connection (SQLite: WAL, foreign keys, busy timeout; PostgreSQL: from the pool).</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Hold for a write on a hot path: SQLite's in-process <see cref="WriteGate"/>; a no-op on PostgreSQL (its row locks serialise).</summary>
    IDisposable EnterWriter(CancellationToken cancellationToken);
}
