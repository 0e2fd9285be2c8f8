using Connector.Store;
using Microsoft.Data.Sqlite;

namespace Connector.Sending.Ledger;

/// <summary>
/// A runner's two writes per message — the <c>sending</c> mark and the outcome — on one connection with both statements
/// prepared once, taken under the store's <see cref="WriteGate"/> (which serialises this process's writers anyway, so
/// one connection is never used by two threads at once). The same statements as
/// <see cref="SendLedgerStore.MarkSendingAsync(long, string, string?, CancellationToken)"/> and
/// <see cref="SendLedgerStore.FinishAsync"/>; each write is its own committed transaction, as there. Measured on the
/// send benchmark: a third of the ledger's CPU per message, which went mostly to opening a pooled connection, Dapper's
/// parameter mapping and SQLite compiling the statement again for each write.
/// </summary>
public sealed class LedgerWriter : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly WriteGate _gate;
    private readonly TimeProvider _time;
    private readonly SqliteCommand _mark;
    private readonly SqliteCommand _finish;

    internal LedgerWriter(SqliteConnection connection, WriteGate gate, TimeProvider time, string markSending, string finish)
    {
        _connection = connection;
        _gate = gate;
        _time = time;
        _mark = Command(markSending, "@Id", "@Runner", "@MessageId", "@Now");
        _finish = Command(finish, "@Id", "@State", "@NextAttemptAt", "@MessageId", "@ReplyCode", "@Detail", "@Now");
    }

    /// <summary>See <see cref="SendLedgerStore.MarkSendingAsync(long, string, string?, CancellationToken)"/>: false when the row is no longer this runner's.</summary>
    public bool MarkSending(long id, string runnerId, string? messageId, CancellationToken cancellationToken)
    {
        using var writing = _gate.Enter(cancellationToken);
        return Run(_mark, id, runnerId, messageId, UtcText.From(_time.GetUtcNow())) == 1;
    }

    /// <summary>See <see cref="SendLedgerStore.FinishAsync"/>: the row's outcome, with no owner check.</summary>
    public void Finish(long id, string state, DateTimeOffset? nextAttemptAt, string? messageId, int? replyCode, string? detail, CancellationToken cancellationToken)
    {
        using var writing = _gate.Enter(cancellationToken);
        Run(_finish, id, state, UtcText.From(nextAttemptAt), messageId, replyCode, detail, UtcText.From(_time.GetUtcNow()));
    }

    public async ValueTask DisposeAsync()
    {
        await _mark.DisposeAsync();
        await _finish.DisposeAsync();
        await _connection.DisposeAsync();
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

    private static int Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command.ExecuteNonQuery();
    }
}
