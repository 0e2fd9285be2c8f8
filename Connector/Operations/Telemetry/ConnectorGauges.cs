using System.Diagnostics.Metrics;
using Connector.Crm.Bitrix24;
using Connector.Store;
using Connector.Sync;
using Dapper;

namespace Connector.Operations.Telemetry;

/// <summary>
/// The observable instruments of one host, on a meter named <see cref="ConnectorTelemetry.Name"/> that lives (and is
/// disposed) with the host: Bitrix24 requests and budget per portal, sync lag per portal, queue depth per send key and
/// the timeline outbox backlog. The store is read at most once per <see cref="StoreReadEvery"/> (a scrape, or OTLP's
/// periodic reader, reads the cached figures in between); a store that cannot be read reports nothing for that read.
/// </summary>
public sealed class ConnectorGauges : IDisposable
{
    public static readonly TimeSpan StoreReadEvery = TimeSpan.FromSeconds(5);

    private const string QueueDepthSql = """
        SELECT send_key AS Key, COUNT(*) AS Rows FROM send_ledger WHERE state IN ('queued', 'deferred', 'sending') GROUP BY send_key
        """;

    private const string OutboxSql = "SELECT COUNT(*) FROM timeline_outbox WHERE state = 'pending'";

    private readonly Meter _meter;
    private readonly SqliteConnectionFactory _store;
    private readonly TimeProvider _time;
    private readonly Lock _reading = new();
    private (DateTimeOffset At, IReadOnlyList<Measurement<long>> Depth, long? Outbox) _cached = (DateTimeOffset.MinValue, [], null);

    public ConnectorGauges(IMeterFactory meters, Bitrix24Meters bitrix24, Bitrix24LeakyBucket bucket, PortalHealth health, SqliteConnectionFactory store, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _store = store;
        _time = time;
        _meter = meters.Create(ConnectorTelemetry.Name);
        _meter.CreateObservableCounter("crm_esp.bitrix24.requests", () => bitrix24.All().Select(p => new Measurement<long>(p.Counters.Requests, Portal(p.Portal))),
            "{request}", "HTTP requests sent to a Bitrix24 portal, retries included");
        _meter.CreateObservableCounter("crm_esp.bitrix24.rate_limited", () => bitrix24.All().Select(p => new Measurement<long>(p.Counters.RateLimited503 + p.Counters.OperatingLimit429, Portal(p.Portal))),
            "{answer}", "Answers 503 QUERY_LIMIT_EXCEEDED or 429 OPERATION_TIME_LIMIT from a portal");
        _meter.CreateObservableGauge("crm_esp.bitrix24.budget_remaining", () => bucket.Budgets().Select(p => new Measurement<double>(p.Remaining, Portal(p.Portal))),
            "{request}", "Requests a portal's leaky bucket (client-side copy) lets go now without waiting");
        _meter.CreateObservableGauge("crm_esp.sync.lag", () => Lag(health), "s", "Seconds since a portal's last successful sync pass in this process");
        _meter.CreateObservableGauge("crm_esp.send.queue_depth", () => Read().Depth, "{message}", "Ledger rows queued, deferred or sending, per send key");
        _meter.CreateObservableGauge("crm_esp.timeline.outbox_backlog", () => Read().Outbox is { } n ? [new Measurement<long>(n)] : Array.Empty<Measurement<long>>(),
            "{entry}", "Timeline entries waiting to be written to the CRM");
    }

    public void Dispose() => _meter.Dispose();

    private static KeyValuePair<string, object?> Portal(string key) => new("portal", key);

    private List<Measurement<double>> Lag(PortalHealth health)
    {
        var now = _time.GetUtcNow();
        return health.Snapshot().Where(p => p.LastSuccess is not null)
            .Select(p => new Measurement<double>(Math.Max(0, (now - p.LastSuccess!.Value).TotalSeconds), Portal(p.Portal))).ToList();
    }

    private (DateTimeOffset At, IReadOnlyList<Measurement<long>> Depth, long? Outbox) Read()
    {
        lock (_reading)
        {
            var now = _time.GetUtcNow();
            if (now - _cached.At < StoreReadEvery)
            {
                return _cached;
            }

            try
            {
                // Observable callbacks are synchronous; Microsoft.Data.Sqlite is synchronous underneath anyway.
                using var connection = _store.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
                var depth = connection.Query<(string Key, long Rows)>(QueueDepthSql)
                    .Select(r => new Measurement<long>(r.Rows, new KeyValuePair<string, object?>("send_key", r.Key))).ToList();
                var outbox = connection.ExecuteScalar<long>(OutboxSql);
                _cached = (now, depth, outbox);
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                _cached = (now, [], null);
            }

            return _cached;
        }
    }
}
