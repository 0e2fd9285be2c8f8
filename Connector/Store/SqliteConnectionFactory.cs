using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Connector.Store;

/// <summary>
/// Opens connections to the store file with WAL, foreign keys and a busy timeout; the first open makes the folder
/// (0700) and the file (0600) private (<see cref="PrivateFiles"/>).
/// </summary>
public sealed class SqliteConnectionFactory : IStoreConnections
{
    // Pooled connections keep their native handle: the per-connection pragmas run once per handle, not once per open.
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = new();
    private static readonly object Marker = new();

    private readonly string _connectionString;
    private WriteGate? _writeGate;
    private int _prepared;

    public SqliteConnectionFactory(string path)
    {
        FilePath = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string FilePath { get; }

    public StoreProvider Provider => StoreProvider.Sqlite;

    public StoreDialect Dialect => StoreDialect.Sqlite;

    public string Describe => FilePath;

    /// <summary>Serialises this process's writers to the file (see <see cref="Store.WriteGate"/>); hot write paths take it.</summary>
    public WriteGate WriteGate => _writeGate ??= new WriteGate(FilePath);

    public IDisposable EnterWriter(CancellationToken cancellationToken) => WriteGate.Enter(cancellationToken);

    async Task<DbConnection> IStoreConnections.OpenAsync(CancellationToken cancellationToken) => await OpenAsync(cancellationToken);

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _prepared, 1) == 0)
        {
            PrivateFiles.PrepareDatabase(FilePath);
        }

        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        if (connection.Handle is not { } handle || Configured.TryGetValue(handle, out _))
        {
            return connection;
        }

        await using var pragma = connection.CreateCommand();
        // Per-connection settings; WAL itself is a property of the file, set once by the migration runner.
        pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        Configured.AddOrUpdate(handle, Marker);
        return connection;
    }
}
