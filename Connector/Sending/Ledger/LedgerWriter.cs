using Connector.Store;
using Microsoft.Data.Sqlite;

namespace Connector.Sending.Ledger;

/// <summary>
/// A runner's two writes per message — the <c>sending</c> mark and the outcome — on one connection with both statements
/// prepared once, taken under the store's <see cref="WriteGate"/> (which serialises this process's writers anyway, so
/// the connection is never used by two threads at once). The mark is the same statement as
/// <see cref="SendLedgerStore.MarkSendingAsync(long, string, string?, CancellationToken)"/>; the outcome (no owner
/// check: a 250 is the better truth even if another runner already called the row unknown) is written only here.
/// <para>
/// Group commit: an outcome is held in memory and committed in the same transaction as the next <c>sending</c> mark
/// (which must commit before its message goes out anyway), or by <see cref="Flush"/> once <c>maxPending</c> outcomes
/// wait or the oldest has waited <see cref="MaxDelay"/> (<see cref="FlushIfDue"/>). One transaction per message
/// instead of two, and the pages both writes touch are written to the WAL once. At most once still holds: an outcome lost in a crash leaves its row in
/// <c>sending</c>, which the next runner marks <c>unknown</c> and never resends; the window is the held outcomes, at
/// most <c>maxPending</c> rows. Measured on the send benchmark: with the prepared statements, ledger CPU per message
/// 0.35 → 0.15 ms (they went mostly to opening a pooled connection, Dapper's parameter mapping and SQLite compiling each
/// statement again); see scripts/README.md for the group commit's figures.
/// </para>
/// <para>
/// Checkpoints off the hot path: SQLite's automatic checkpoint runs inside the commit that crosses 1,000 WAL pages —
/// here a <c>sending</c> mark, under the write gate, with two fsyncs (measured: 1.8–3 ms each, every ~200 messages,
/// while every other sender waited at the gate). On this connection the automatic checkpoint is raised to
/// <see cref="BackstopPages"/> (a backstop only), and <see cref="Checkpoint"/> — a runner calls it every
/// <see cref="CheckpointEvery"/> from a thread that holds no gate — copies the WAL back with a passive checkpoint on
/// a second connection, which never blocks the writers; the next commit then starts the WAL over. Durability is
/// unchanged (WAL with <c>synchronous=NORMAL</c>: a commit survives a crash of the process either way).
/// </para>
/// </summary>
public sealed class LedgerWriter : IAsyncDisposable
{
    /// <summary>The longest an outcome waits in memory before it is committed on its own.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>How often a runner copies the WAL back (<see cref="Checkpoint"/>).</summary>
    public static readonly TimeSpan CheckpointEvery = TimeSpan.FromMilliseconds(100);

    /// <summary>The WAL pages after which a commit on this connection still checkpoints by itself (SQLite's default is 1,000).</summary>
    public const int BackstopPages = 20_000;

    private const int DefaultAutoCheckpoint = 1000;

    private readonly SqliteConnection _connection;
    private readonly SqliteConnection _checkpointer;
    private readonly WriteGate _gate;
    private readonly TimeProvider _time;
    private readonly int _maxPending;
    private readonly SqliteCommand _mark;
    private readonly SqliteCommand _finish;
    private readonly List<object?[]> _pending = [];
    private DateTimeOffset _oldestPending;

    internal LedgerWriter(SqliteConnection connection, SqliteConnection checkpointer, WriteGate gate, TimeProvider time, string markSending, string finish, int maxPending)
    {
        _connection = connection;
        _checkpointer = checkpointer;
        AutoCheckpoint(_connection, BackstopPages);
        _gate = gate;
        _time = time;
        _maxPending = Math.Max(1, maxPending);
        _mark = Command(markSending, "@Id", "@Runner", "@MessageId", "@Now");
        _finish = Command(finish, "@Id", "@State", "@NextAttemptAt", "@MessageId", "@ReplyCode", "@Detail", "@Now");
    }

    /// <summary>The writer's connection, for the runner's reservations (used only under the write gate, like the writer's own writes).</summary>
    internal SqliteConnection Connection => _connection;

    /// <summary>Outcomes held, not yet committed.</summary>
    public int Pending
    {
        get
        {
            using var writing = _gate.Enter(CancellationToken.None);
            return _pending.Count;
        }
    }

    /// <summary>
    /// See <see cref="SendLedgerStore.MarkSendingAsync(long, string, string?, CancellationToken)"/>: false when the row is
    /// no longer this runner's. Commits the held outcomes in the same transaction.
    /// </summary>
    public bool MarkSending(long id, string runnerId, string? messageId, CancellationToken cancellationToken)
    {
        using var writing = _gate.Enter(cancellationToken);
        return Commit([id, runnerId, messageId, UtcText.From(_time.GetUtcNow())]) == 1;
    }

    /// <summary>The row's outcome (no owner check), committed with the next mark or flush.</summary>
    public void Finish(long id, string state, DateTimeOffset? nextAttemptAt, string? messageId, int? replyCode, string? detail)
    {
        using var writing = _gate.Enter(CancellationToken.None);
        var now = _time.GetUtcNow();
        if (_pending.Count == 0)
        {
            _oldestPending = now;
        }

        _pending.Add([id, state, UtcText.From(nextAttemptAt), messageId, replyCode, detail, UtcText.From(now)]);
        if (_pending.Count >= _maxPending || Due(now))
        {
            Commit(null);
        }
    }

    /// <summary>Commits the held outcomes when the oldest has waited <see cref="MaxDelay"/> (a runner calls this periodically, so an idle runner holds none for long).</summary>
    public void FlushIfDue()
    {
        using var writing = _gate.Enter(CancellationToken.None);
        if (Due(_time.GetUtcNow()))
        {
            Commit(null);
        }
    }

    /// <summary>Commits every held outcome now (before reading the ledger's state, and when the run ends).</summary>
    public void Flush()
    {
        using var writing = _gate.Enter(CancellationToken.None);
        if (_pending.Count > 0)
        {
            Commit(null);
        }
    }

    /// <summary>
    /// Copies what the WAL holds back into the database file (a passive checkpoint on its own connection: writers go on
    /// meanwhile, and the next commit restarts the WAL). Call from one thread at a time, outside the write gate; a busy
    /// store is left for the next call. Returns the WAL's pages and how many of them are now in the database file.
    /// </summary>
    public (int WalPages, int Copied) Checkpoint()
    {
        using var command = _checkpointer.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt32(1), reader.GetInt32(2)) : (0, 0);
    }

    public async ValueTask DisposeAsync()
    {
        Flush();
        await _mark.DisposeAsync();
        await _finish.DisposeAsync();
        // The connections go back to the pool: the next user gets SQLite's default checkpointing.
        AutoCheckpoint(_connection, DefaultAutoCheckpoint);
        await _connection.DisposeAsync();
        await _checkpointer.DisposeAsync();
    }

    private static void AutoCheckpoint(SqliteConnection connection, int pages)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_autocheckpoint={pages.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        command.ExecuteNonQuery();
    }

    private bool Due(DateTimeOffset now) => _pending.Count > 0 && now - _oldestPending >= MaxDelay;

    // Under the gate. The held outcomes stay held if the transaction fails, so none is lost to a busy store.
    private int Commit(object?[]? mark)
    {
        using var transaction = _connection.BeginTransaction();
        _finish.Transaction = transaction;
        _mark.Transaction = transaction;
        foreach (var outcome in _pending)
        {
            Run(_finish, outcome);
        }

        var marked = mark is null ? 0 : Run(_mark, mark);
        transaction.Commit();
        _pending.Clear();
        return marked;
    }

    private SqliteCommand Command(string sql, params string[] names)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static int Run(SqliteCommand command, object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command.ExecuteNonQuery();
    }
}
