using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Connector.Operations.Health;
using Connector.Store;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Connector.Host;
using Connector.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Connector.Tests.Operations;

/// <summary>Each readiness check of <c>/healthz/ready</c> flipping between ready and not ready.</summary>
[CancelAfter(60_000)]
public sealed class ReadinessChecksTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-12-01T10:00:00Z", CultureInfo.InvariantCulture);
    private string _folder = "";

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("crm-esp-ready-").FullName;

    [TearDown]
    public void TearDown()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Store_MigratedThenAMigrationMissingThenUnreachable_ReadyThenNotReady(CancellationToken cancellationToken)
    {
        var store = new SqliteConnectionFactory(Path.Combine(_folder, "s.db"));
        await new MigrationRunner(store, new FakeTimeProvider(Start)).ApplyAsync(cancellationToken);
        var migrated = await new StoreReadinessCheck(store).CheckAsync(cancellationToken);
        await using (var connection = await store.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)", cancellationToken: cancellationToken));
        }

        var behind = await new StoreReadinessCheck(store).CheckAsync(cancellationToken);
        var empty = await new StoreReadinessCheck(new SqliteConnectionFactory(Path.Combine(_folder, "empty.db"))).CheckAsync(cancellationToken);
        // A store whose folder cannot be made (a file stands where the folder should be).
        await File.WriteAllTextAsync(Path.Combine(_folder, "file"), "x", cancellationToken);
        var unreachable = await new StoreReadinessCheck(new SqliteConnectionFactory(Path.Combine(_folder, "file", "s.db"))).CheckAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(migrated.Single(), Is.EqualTo(new ReadinessResult("store", true, "reachable, migrated")));
            Assert.That(behind.Single(), Is.EqualTo(new ReadinessResult("store", false, "1 migration not applied")));
            Assert.That(empty.Single(), Is.EqualTo(new ReadinessResult("store", false, $"{MigrationRunner.Scripts.Count} migrations not applied")));
            Assert.That(unreachable.Single(), Is.EqualTo(new ReadinessResult("store", false, "unreachable")));
        });
    }

    [Test]
    public async Task Scheduler_ServeCompositionCreatedStartedStandby_ReadyOnlyWhileRunning_CliHasNoSchedulerCheck(CancellationToken cancellationToken)
    {
        await using var services = ServeComposition.Compose(new Dictionary<string, string?> { ["Smtp:Host"] = "127.0.0.1" });
        await using var cli = ServeComposition.Compose([], ConnectorHostKind.Cli);
        var sut = services.GetServices<IReadinessCheck>().OfType<SchedulerReadinessCheck>().Single();
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellationToken);

        var created = (await sut.CheckAsync(cancellationToken)).Single();
        await scheduler.Start(cancellationToken);
        var running = (await sut.CheckAsync(cancellationToken)).Single();
        await scheduler.Standby(cancellationToken);
        var standby = (await sut.CheckAsync(cancellationToken)).Single();
        await scheduler.Shutdown(false, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That((created.Name, created.Ready), Is.EqualTo(("scheduler", false)));
            Assert.That(running, Is.EqualTo(new ReadinessResult("scheduler", true, "started")));
            Assert.That((standby.Ready, standby.Detail), Is.EqualTo((false, "standby")));
            Assert.That(services.GetServices<IReadinessCheck>().Select(c => c.Name), Is.EquivalentTo(new[] { "store", "scheduler", "sync_age", "smtp" }),
                "serve: the scheduler, the sync age (jobs on) and the default relay (Smtp:Host) too");
            Assert.That(cli.GetServices<IReadinessCheck>().Select(c => c.Name), Is.EqualTo(new[] { "store" }));
        });
    }

    [Test]
    public async Task SyncAge_LastSuccessWithinThenPastTheLimit_ReadyThenNotReady_AFailedPassDoesNotCount(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider(Start);
        var store = new SqliteConnectionFactory(Path.Combine(_folder, "s.db"));
        await new MigrationRunner(store, time).ApplyAsync(cancellationToken);
        await using (var connection = await store.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO portals (id, portal_key, domain, auth_mode, created_at, updated_at) VALUES
                  (1, 'a.bitrix24.test', 'a.bitrix24.test', 'webhook', '2026-12-01T08:00:00Z', '2026-12-01T08:00:00Z'),
                  (2, 'b.bitrix24.test', 'b.bitrix24.test', 'webhook', '2026-12-01T09:50:00Z', '2026-12-01T09:50:00Z');
                INSERT INTO sync_runs (portal_id, kind, started_at, finished_at, status) VALUES
                  (1, 'incremental', '2026-12-01T09:40:00Z', '2026-12-01T09:45:00Z', 'succeeded'),
                  (1, 'incremental', '2026-12-01T09:55:00Z', '2026-12-01T09:58:00Z', 'failed');
                """, cancellationToken: cancellationToken));
        }

        var sut = new SyncAgeReadinessCheck(store, Options.Create(new HealthOptions { MaxSyncAge = TimeSpan.FromMinutes(30) }), time);
        var fresh = await sut.CheckAsync(cancellationToken);
        time.Advance(TimeSpan.FromMinutes(20)); // a: 35 min since its last success (the failed pass is newer); b: never, recorded 30 min ago
        var stale = await sut.CheckAsync(cancellationToken);
        var off = await new SyncAgeReadinessCheck(store, Options.Create(new HealthOptions { MaxSyncAge = TimeSpan.Zero }), time).CheckAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(fresh.Select(r => (r.Name, r.Ready)), Is.EqualTo(new[] { ("sync_age:a.bitrix24.test", true), ("sync_age:b.bitrix24.test", true) }));
            Assert.That(fresh[0].Detail, Is.EqualTo("last success 900 s ago (limit 1800 s)"));
            Assert.That(stale.Select(r => (r.Name, r.Ready)), Is.EqualTo(new[] { ("sync_age:a.bitrix24.test", false), ("sync_age:b.bitrix24.test", true) }));
            Assert.That(stale[1].Detail, Is.EqualTo("no successful sync yet, recorded 1800 s ago (limit 1800 s)"));
            Assert.That(off, Is.Empty, "MaxSyncAge 0 turns the check off");
        });
    }

    [Test]
    public async Task Smtp_RelayListeningThenGone_CachedForTheProbeIntervalThenUnreachable(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider(Start);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = 0;
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    using var client = await listener.AcceptTcpClientAsync(cancellationToken);
                    Interlocked.Increment(ref accepted);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
            }
        }, cancellationToken);
        using var sut = new SmtpReadinessCheck([new SmtpRelay("default", "127.0.0.1", port)],
            Options.Create(new HealthOptions { SmtpProbeInterval = TimeSpan.FromSeconds(30), CheckTimeout = TimeSpan.FromSeconds(5) }), time);

        var first = (await sut.CheckAsync(cancellationToken)).Single();
        var second = (await sut.CheckAsync(cancellationToken)).Single();
        await WaitAsync(() => Volatile.Read(ref accepted) >= 1, cancellationToken);
        var connects = Volatile.Read(ref accepted);
        listener.Stop();
        await accepting;
        var cached = (await sut.CheckAsync(cancellationToken)).Single();
        time.Advance(TimeSpan.FromSeconds(31));
        var gone = (await sut.CheckAsync(cancellationToken)).Single();

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(new ReadinessResult("smtp:default", true, "reachable")));
            Assert.That(second.Ready, Is.True);
            Assert.That(connects, Is.EqualTo(1), "one connect for two probes within the interval");
            Assert.That(cached.Ready, Is.True, "the known state until the interval passes");
            Assert.That(gone, Is.EqualTo(new ReadinessResult("smtp:default", false, "unreachable")));
        });
    }

    [Test]
    public async Task Report_ACheckThatHangs_FailsByNameAsTimedOut_OthersStillReported(CancellationToken cancellationToken)
    {
        var sut = new ReadinessReport([new HangingCheck(), new FixedCheck(new ReadinessResult("store", true, "reachable, migrated"))],
            Options.Create(new HealthOptions { CheckTimeout = TimeSpan.FromMilliseconds(200) }));

        var results = await sut.RunAsync(cancellationToken);

        Assert.That(results, Is.EqualTo(new[] { new ReadinessResult("hanging", false, "timed out"), new ReadinessResult("store", true, "reachable, migrated") }));
    }

    private static async Task WaitAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(10, cancellationToken);
        }
    }

    private sealed class HangingCheck : IReadinessCheck
    {
        public string Name => "hanging";

        public async Task<IReadOnlyList<ReadinessResult>> CheckAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return [];
        }
    }

    private sealed class FixedCheck(ReadinessResult result) : IReadinessCheck
    {
        public string Name => result.Name;

        public Task<IReadOnlyList<ReadinessResult>> CheckAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ReadinessResult>>([result]);
    }
}
