using Connector.Store;
using Microsoft.Data.Sqlite;

namespace Connector.Tracking.Hits;

/// <summary>
/// The only writer of <c>engagement_hits</c>, <c>engagement_messages</c>, <c>engagement_links</c> and
/// <c>list_unsubscribes</c>: one connection of its own (not pooled, so its <c>synchronous</c> setting stays its own:
/// <c>FULL</c> by default, a commit is on disk before any hit in it is answered; <c>Tracking:Synchronous=Normal</c>
/// survives a crash of the process but not of the machine, for about a third less CPU per hit), the statements
/// prepared once, a batch of hits per transaction. Used by one thread (the <see cref="HitRecorder"/>'s writer).
/// </summary>
public sealed partial class HitStore : IAsyncDisposable
{
    private const int CacheLimit = 100_000;
    private readonly SqliteConnection _connection;
    private readonly WriteGate _gate;
    private readonly TimeSpan _deliveryWindow;
    private readonly TimeSpan _burstWindow;
    private readonly SqliteCommand _ledger;
    private readonly SqliteCommand _lastClick;
    private readonly SqliteCommand _scopes;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _message;
    private readonly SqliteCommand _link;
    private readonly SqliteCommand _listUnsubscribe;

    // What the writer read or wrote before, so a hit costs its writes only: 'sent' rows (their state and time do not
    // change again) and each message's last click (this store is the only writer of engagement_messages). Dropped when
    // full, and the clicks also when a transaction fails (they may name a click that was rolled back).
    private readonly Dictionary<long, LedgerFacts> _sentRows = [];
    private readonly Dictionary<long, (DateTimeOffset At, string? Url)> _lastClicks = [];

    private HitStore(SqliteConnection connection, WriteGate gate, TrackingHitOptions options)
    {
        _connection = connection;
        _gate = gate;
        _deliveryWindow = TimeSpan.FromSeconds(options.MachineWindowSeconds);
        _burstWindow = TimeSpan.FromMilliseconds(options.LinkBurstMilliseconds);
        _ledger = Command(SelectLedger, "@Id");
        _lastClick = Command(SelectLastClick, "@Id");
        _scopes = Command(SelectScopes, "@Id");
        _insert = Command(InsertHit, "@Id", "@ContactId", "@Kind", "@Url", "@At", "@Machine", "@Reason", "@Agent", "@Detail", "@Scope");
        _message = Command(UpsertMessage, "@Id", "@ContactId", "@Open", "@HumanOpen", "@Click", "@HumanClick", "@At", "@Url", "@Unsubscribe");
        _link = Command(UpsertLink, "@Id", "@Url", "@Human", "@At");
        _listUnsubscribe = Command(InsertListUnsubscribe, "@Address", "@ListKey", "@Id", "@At");
    }

    /// <summary>Opens the writer's connection to the store file; a busy store is waited on for <paramref name="busyTimeout"/> per attempt.</summary>
    public static async Task<HitStore> OpenAsync(SqliteConnectionFactory connections, TrackingHitOptions options, TimeSpan busyTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connections);
        ArgumentNullException.ThrowIfNull(options);
        // Through the factory once, so the file and folder are made private as for every other connection.
        await (await connections.OpenAsync(cancellationToken)).DisposeAsync();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = connections.FilePath, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 30,
        }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = $"PRAGMA synchronous={(options.Synchronous == TrackingSynchronous.Normal ? "NORMAL" : "FULL")}; PRAGMA busy_timeout={(int)busyTimeout.TotalMilliseconds};";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        return new HitStore(connection, connections.WriteGate, options);
    }

    /// <summary>
    /// Writes the batch in one transaction and returns one result per hit, in order. Throws <see cref="SqliteException"/>
    /// when the transaction could not be committed (nothing of the batch is then stored).
    /// </summary>
    public HitResult[] Write(IReadOnlyList<TrackingHit> hits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hits);
        using var writing = _gate.Enter(cancellationToken);
        using var transaction = _connection.BeginTransaction();
        foreach (var command in new[] { _ledger, _lastClick, _scopes, _insert, _message, _link, _listUnsubscribe })
        {
            command.Transaction = transaction;
        }

        var results = new HitResult[hits.Count];
        try
        {
            for (var i = 0; i < hits.Count; i++)
            {
                results[i] = WriteOne(hits[i]);
            }

            transaction.Commit();
        }
        catch
        {
            _lastClicks.Clear();
            throw;
        }

        return results;
    }

    private HitResult WriteOne(TrackingHit hit)
    {
        var id = hit.Message.SendId;
        if (ReadLedger(id) is not { } ledger || ledger.ContactId != hit.Message.RecipientId)
        {
            return HitResult.Unknown;
        }

        var at = UtcText.From(hit.At);
        if (hit.Kind == HitKind.Unsubscribe)
        {
            var scopes = Scopes(id);
            if (hit.Scope == Unsubscribe.UnsubscribeScope.List)
            {
                Run(_listUnsubscribe, ledger.Recipient, ledger.List, id, at);
            }

            if (scopes.Contains("all") || scopes.Contains(Unsubscribe.UnsubscribeScopes.Sql(hit.Scope)))
            {
                return new HitResult(HitOutcome.AlreadyRecorded, ledger.Recipient, ledger.SendKey);
            }
        }

        var (lastAt, lastUrl) = hit.Kind == HitKind.Click ? LastClick(id) : (null, null);
        var reason = MachineRules.Reason(hit, ledger, lastAt, lastUrl, _deliveryWindow, _burstWindow);
        var human = reason is null ? 1 : 0;
        Run(_insert, id, ledger.ContactId, hit.Kind.Sql(), hit.Url, at, 1 - human, reason, hit.Agent.Class.Sql(), hit.Detail,
            hit.Scope is { } scope ? Unsubscribe.UnsubscribeScopes.Sql(scope) : null);
        var open = hit.Kind == HitKind.Open ? 1 : 0;
        var click = hit.Kind == HitKind.Click ? 1 : 0;
        Run(_message, id, ledger.ContactId, open, open * human, click, click * human, at, hit.Url, hit.Kind == HitKind.Unsubscribe ? 1 : 0);
        if (click == 1 && hit.Url is { } url)
        {
            Run(_link, id, url, human, at);
            Remember(_lastClicks, id, (hit.At, hit.Url));
        }

        return new HitResult(HitOutcome.Recorded, ledger.Recipient, ledger.SendKey);
    }

    private LedgerFacts? ReadLedger(long id)
    {
        if (_sentRows.TryGetValue(id, out var known))
        {
            return known;
        }

        _ledger.Parameters[0].Value = id;
        using var reader = _ledger.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var facts = new LedgerFacts(reader.GetInt64(0), reader.GetString(1), UtcText.Parse(reader.GetString(2)), reader.GetString(3), reader.GetString(4)) { List = reader.GetString(5) };
        if (facts.State == "sent")
        {
            Remember(_sentRows, id, facts);
        }

        return facts;
    }

    private (DateTimeOffset? At, string? Url) LastClick(long id)
    {
        if (_lastClicks.TryGetValue(id, out var known))
        {
            return known;
        }

        _lastClick.Parameters[0].Value = id;
        using var reader = _lastClick.ExecuteReader();
        return reader.Read() && !reader.IsDBNull(0) ? (UtcText.Parse(reader.GetString(0)), reader.IsDBNull(1) ? null : reader.GetString(1)) : (null, null);
    }

    private static void Remember<T>(Dictionary<long, T> cache, long id, T value)
    {
        if (cache.Count >= CacheLimit)
        {
            cache.Clear();
        }

        cache[id] = value;
    }

    private HashSet<string> Scopes(long id)
    {
        _scopes.Parameters[0].Value = id;
        using var reader = _scopes.ExecuteReader();
        var scopes = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            scopes.Add(reader.IsDBNull(0) ? "all" : reader.GetString(0));
        }

        return scopes;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in new[] { _ledger, _lastClick, _scopes, _insert, _message, _link, _listUnsubscribe })
        {
            await command.DisposeAsync();
        }

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

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }
}
