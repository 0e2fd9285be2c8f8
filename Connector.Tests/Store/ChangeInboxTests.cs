using System.Globalization;
using Connector.Store;
using Connector.Sync;
using Connector.Tests.TestSupport;
using Dapper;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Store;

/// <summary>The event inbox on each provider: rows in arrival order per portal, marked processed with their failure.</summary>
[TestFixtureSource(typeof(StoreProviders), nameof(StoreProviders.All))]
[CancelAfter(120_000)]
public sealed class ChangeInboxTests(StoreProvider provider)
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-01T00:00:00Z", CultureInfo.InvariantCulture));
    private IStoreConnections _connections = null!;

    [SetUp]
    public async Task CreateStore() => _connections = await StoreProviders.CreateAsync(provider, TestContext.CurrentContext.CancellationToken);

    [TearDown]
    public async Task Release() => await StoreProviders.ReleaseAsync(_connections);

    [Test]
    public async Task TakePendingAsync_OnePortalsRowsInOrderUpToTheLimitUntilMarkedProcessed()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        var sut = new ChangeInbox(_connections, _time);
        var (a, b) = (await PortalAsync("a#1", ct), await PortalAsync("b#1", ct));
        await sut.AddAsync(a, new CrmChange(CrmRecordKind.Contact, 11, CrmChangeType.Upsert, "ONCRMCONTACTUPDATE"), "{}", ct);
        await sut.AddAsync(b, new CrmChange(CrmRecordKind.Deal, 21, CrmChangeType.Upsert, "ONCRMDEALADD"), "{}", ct);
        await sut.AddAsync(a, new CrmChange(CrmRecordKind.Deal, 12, CrmChangeType.Delete, "ONCRMDEALDELETE"), "{}", ct);
        await sut.AddAsync(a, new CrmChange(CrmRecordKind.Contact, 13, CrmChangeType.Upsert, "ONCRMCONTACTADD"), "{}", ct);

        var portals = await sut.PortalsWithPendingAsync(ct);
        var firstTwo = await sut.TakePendingAsync(a, 2, ct);
        await sut.MarkProcessedAsync([firstTwo[0].Id, firstTwo[1].Id], "contact 11: gone", ct);
        var rest = await sut.TakePendingAsync(a, 10, ct);
        await sut.MarkProcessedAsync([rest[0].Id], null, ct);
        var afterA = await sut.PortalsWithPendingAsync(ct);

        await using var connection = await _connections.OpenAsync(ct);
        var errors = (await connection.QueryAsync<string?>("SELECT error FROM event_inbox WHERE processed_at IS NOT NULL ORDER BY id")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(portals.Order(), Is.EqualTo(new[] { a, b }));
            Assert.That(firstTwo.Select(c => (c.PortalKey, c.Event, c.RecordKind, c.EntityId, c.IsDelete)), Is.EqualTo(new[]
            {
                ("a#1", "ONCRMCONTACTUPDATE", CrmRecordKind.Contact, 11L, false), ("a#1", "ONCRMDEALDELETE", CrmRecordKind.Deal, 12L, true),
            }));
            Assert.That(rest.Select(c => c.EntityId), Is.EqualTo(new[] { 13L }));
            Assert.That(afterA, Is.EqualTo(new[] { b }));
            Assert.That(errors, Is.EqualTo(new[] { "contact 11: gone", "contact 11: gone", null }));
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
