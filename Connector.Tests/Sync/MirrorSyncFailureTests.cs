using System.Collections.Concurrent;
using Connector.Store;
using Connector.Sync;
using Connector.Tests.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Sync;

/// <summary>A portal that keeps failing: backoff on the log, health recorded, and no portal row until it answers.</summary>
[TestFixtureSource(typeof(StoreProviders), nameof(StoreProviders.All))]
[CancelAfter(120_000)]
public sealed class MirrorSyncFailureTests(StoreProvider provider)
{
    [Test]
    [CancelAfter(30_000)]
    public async Task RunAllAsync_PortalFailsEverySecondFor30Seconds_OneLogLineThenOneWhenItRecovers(CancellationToken cancellationToken)
    {
        var connections = await StoreProviders.CreateAsync(provider, cancellationToken);
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var source = new FailingSource();
        var logger = new CountingLogger();
        var options = Options.Create(new SyncOptions());
        var health = new PortalHealth(options, time);
        var sync = new MirrorSync(new OneSource(source), new SqliteMirrorStore(connections, time), new SyncStateStore(connections, time), options, time, logger, health);
        var queries = new MirrorQueries(connections);

        for (var second = 0; second < 30; second++)
        {
            await sync.RunAllAsync(SyncMode.Incremental, null, cancellationToken);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var failingLines = logger.Lines.Count(l => l.Level >= LogLevel.Warning);
        var keysWhileFailing = await queries.PortalKeysAsync(cancellationToken);
        source.Failing = false;
        await sync.RunAllAsync(SyncMode.Incremental, null, cancellationToken);
        var entry = health.Snapshot().Single();

        Assert.Multiple(() =>
        {
            Assert.That(failingLines, Is.EqualTo(1), string.Join("\n", logger.Lines));
            Assert.That(keysWhileFailing, Is.Empty, "a portal that never answered is not recorded");
            Assert.That(logger.Lines.Count(l => l.Level >= LogLevel.Warning), Is.EqualTo(2));
            Assert.That(logger.Lines.Last(l => l.Level >= LogLevel.Warning).Text, Does.Contain("recovered after 30 failed passes"));
            Assert.That((entry.Healthy, entry.LastFailure, entry.LastSuccess), Is.EqualTo((true, time.GetUtcNow() - TimeSpan.FromSeconds(1), (DateTimeOffset?)time.GetUtcNow())));
        });
        await StoreProviders.ReleaseAsync(connections);
    }

    private sealed class FailingSource : ICrmSource
    {
        public bool Failing { get; set; } = true;

        public string PortalKey => "down.example#1";

        public string PortalDomain => "down.example";

        public string AuthMode => "webhook";

        public Task<CrmReadResult> ReadAsync(CrmReadPlan plan, ICrmReadSink sink, CancellationToken cancellationToken) => Task.FromResult(new CrmReadResult
        {
            Requests = 1, MinimumRequests = 1, Calls = 1, RateLimited = 0,
            Completed = Failing ? new HashSet<CrmRecordKind>() : new HashSet<CrmRecordKind> { CrmRecordKind.Contact, CrmRecordKind.Deal },
            Failure = Failing ? "batch: Unreachable: NETWORK" : null,
        });
    }

    private sealed class OneSource(ICrmSource source) : ICrmSourceProvider
    {
        public Task<IReadOnlyList<ICrmSource>> GetAllAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ICrmSource>>([source]);

        public Task<ICrmSource?> GetAsync(string portalKey, CancellationToken cancellationToken) => Task.FromResult<ICrmSource?>(source);
    }

    private sealed class CountingLogger : ILogger<MirrorSync>
    {
        public ConcurrentQueue<(LogLevel Level, string Text)> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue((logLevel, formatter(state, exception)));
    }
}
