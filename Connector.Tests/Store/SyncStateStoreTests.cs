using System.Globalization;
using Connector.Store;
using Connector.Sync;
using Connector.Tests.TestSupport;
using Dapper;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Store;

/// <summary>Sync cursors, the per-portal lease and the run log, on each provider.</summary>
[TestFixtureSource(typeof(StoreProviders), nameof(StoreProviders.All))]
[CancelAfter(120_000)]
public sealed class SyncStateStoreTests(StoreProvider provider)
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-01T00:00:00Z", CultureInfo.InvariantCulture));
    private IStoreConnections _connections = null!;

    [SetUp]
    public async Task CreateStore() => _connections = await StoreProviders.CreateAsync(provider, TestContext.CurrentContext.CancellationToken);

    [TearDown]
    public async Task Release() => await StoreProviders.ReleaseAsync(_connections);

    [Test]
    public async Task SetCursorAsync_SetTwice_KeepsTheLastValuePerPortalAndName()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        var sut = new SyncStateStore(_connections, _time);
        var (a, b) = (await PortalAsync("a#1", ct), await PortalAsync("b#1", ct));

        var before = await sut.GetCursorAsync(a, "contacts", ct);
        await sut.SetCursorAsync(a, "contacts", "10", ct);
        await sut.SetCursorAsync(a, "contacts", "20", ct);
        await sut.SetCursorAsync(b, "contacts", "5", ct);

        Assert.Multiple(async () =>
        {
            Assert.That(before, Is.Null);
            Assert.That(await sut.GetCursorAsync(a, "contacts", ct), Is.EqualTo("20"));
            Assert.That(await sut.GetCursorAsync(b, "contacts", ct), Is.EqualTo("5"));
            Assert.That(await sut.GetCursorAsync(a, "deals", ct), Is.Null);
        });
    }

    [Test]
    public async Task TryAcquireLeaseAsync_LiveForeignLeaseRefusedUntilItExpiresOrIsReleased()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        var sut = new SyncStateStore(_connections, _time);
        var portal = await PortalAsync("a#1", ct);
        var minute = TimeSpan.FromMinutes(1);

        var first = await sut.TryAcquireLeaseAsync(portal, "one", minute, ct);
        var foreign = await sut.TryAcquireLeaseAsync(portal, "two", minute, ct);
        var renewed = await sut.TryAcquireLeaseAsync(portal, "one", minute, ct);
        _time.Advance(TimeSpan.FromSeconds(61));
        var afterExpiry = await sut.TryAcquireLeaseAsync(portal, "two", minute, ct);
        await sut.ReleaseLeaseAsync(portal, "one", ct);
        var notReleasedByOther = await sut.TryAcquireLeaseAsync(portal, "one", minute, ct);
        await sut.ReleaseLeaseAsync(portal, "two", ct);
        var afterRelease = await sut.TryAcquireLeaseAsync(portal, "one", minute, ct);

        Assert.That((first, foreign, renewed, afterExpiry, notReleasedByOther, afterRelease), Is.EqualTo((true, false, true, true, false, true)));
    }

    [Test]
    public async Task FinishRunAsync_RecordsTheSummaryOnTheRunStarted()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        var sut = new SyncStateStore(_connections, _time);
        var portal = await PortalAsync("a#1", ct);

        var first = await sut.StartRunAsync(portal, "full", ct);
        var second = await sut.StartRunAsync(portal, "incremental", ct);
        _time.Advance(TimeSpan.FromSeconds(3));
        await sut.FinishRunAsync(second, new SyncSummary
        {
            Kind = "incremental", Succeeded = false, Contacts = 4, Deals = 3, Transitions = 2, DeletedContacts = 1, DeletedDeals = 1, Skipped = 7, Requests = 9, Error = "batch: down",
        }, ct);

        await using var connection = await _connections.OpenAsync(ct);
        var rows = (await connection.QueryAsync<(long Id, string Kind, string Status, string? FinishedAt, long Contacts, long Deals, long Transitions, long Deleted, long Skipped, long Requests, string? Error)>(
            "SELECT id, kind, status, finished_at, contacts, deals, transitions, deleted, skipped, requests, error FROM sync_runs ORDER BY id")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(second, Is.GreaterThan(first));
            Assert.That(rows[0], Is.EqualTo((first, "full", "running", (string?)null, 0L, 0L, 0L, 0L, 0L, 0L, (string?)null)));
            Assert.That(rows[1], Is.EqualTo((second, "incremental", "failed", (string?)"2026-12-01T00:00:03.0000000Z", 4L, 3L, 2L, 2L, 7L, 9L, (string?)"batch: down")));
        });
    }

    private async Task<long> PortalAsync(string key, CancellationToken ct)
    {
        await using var connection = await _connections.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO portals (portal_key, domain, auth_mode, created_at, updated_at) VALUES (@Key, 'd', 'webhook', 'x', 'x') RETURNING id",
            new { Key = key }, cancellationToken: ct));
    }
}
