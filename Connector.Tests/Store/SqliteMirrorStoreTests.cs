using System.Globalization;
using Connector.Store;
using Connector.Sync;
using Connector.Tests.TestSupport;
using Dapper;

namespace Connector.Tests.Store;

[TestFixtureSource(typeof(StoreProviders), nameof(StoreProviders.All))]
[CancelAfter(120_000)]
public sealed class SqliteMirrorStoreTests(StoreProvider provider)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(3));

    [Test]
    public async Task UpsertDealsAsync_StageChanged_RecordsOnePollTransition()
    {
        var (sut, portal) = await CreateSutAsync();
        await sut.UpsertDealsAsync(portal, [Deal(1, "NEW", T0)], 1, recordNewDeals: false, "poll", TestContext.CurrentContext.CancellationToken);

        var first = await sut.UpsertDealsAsync(portal, [Deal(1, "PREPARATION", T0.AddHours(1))], 2, false, "poll", TestContext.CurrentContext.CancellationToken);
        var repeat = await sut.UpsertDealsAsync(portal, [Deal(1, "PREPARATION", T0.AddHours(1))], 3, false, "poll", TestContext.CurrentContext.CancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(1));
            Assert.That(repeat, Is.Zero);
        });
    }

    [Test]
    public async Task UpsertDealsAsync_SameMoveFromConcurrentWriters_RecordedOnce()
    {
        var (sut, portal) = await CreateSutAsync();
        var ct = TestContext.CurrentContext.CancellationToken;
        await sut.UpsertDealsAsync(portal, [Deal(1, "NEW", T0)], 1, recordNewDeals: false, "poll", ct);

        // Each writer reads the deal's stage, then records the move: one must see the other's write.
        var counts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(
            () => sut.UpsertDealsAsync(portal, [Deal(1, "WON", T0.AddHours(1))], 2, false, i % 2 == 0 ? "poll" : "event", ct), ct)));

        await using var connection = await _connections!.OpenAsync(ct);
        var rows = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM stage_transitions WHERE to_stage = 'WON'");
        Assert.That((counts.Sum(), rows), Is.EqualTo((1, 1L)));
    }

    [Test]
    public async Task ApplyHistoryAsync_SameMoveAlreadyPolled_LinksInsteadOfDuplicating()
    {
        var (sut, portal) = await CreateSutAsync();
        await sut.UpsertDealsAsync(portal, [Deal(1, "NEW", T0)], 1, false, "poll", TestContext.CurrentContext.CancellationToken);
        await sut.UpsertDealsAsync(portal, [Deal(1, "WON", T0.AddHours(2))], 2, false, "poll", TestContext.CurrentContext.CancellationToken);

        var recorded = await sut.ApplyHistoryAsync(portal, [
            new CrmStageHistoryEntry(100, 1, 2, "PREPARATION", 0, T0.AddHours(1)),
            new CrmStageHistoryEntry(101, 1, 3, "WON", 0, T0.AddHours(2)),
        ], TestContext.CurrentContext.CancellationToken);
        var again = await sut.ApplyHistoryAsync(portal, [new CrmStageHistoryEntry(101, 1, 3, "WON", 0, T0.AddHours(2))], TestContext.CurrentContext.CancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(recorded, Is.EqualTo(1), "PREPARATION is new; WON links to the polled move");
            Assert.That(again, Is.Zero);
        });
    }

    [Test]
    [SetCulture("fa-IR")]
    public async Task UpsertDealsAsync_UnderFarsiCulture_StoresInvariantAmountsAndUtcInstants()
    {
        var (sut, portal) = await CreateSutAsync();
        await sut.UpsertDealsAsync(portal, [Deal(7, "NEW", T0) with { Amount = 1234.5m }], 1, false, "poll", TestContext.CurrentContext.CancellationToken);

        await using var connection = await _connections!.OpenAsync(TestContext.CurrentContext.CancellationToken);
        var row = await connection.QuerySingleAsync<(string Amount, string MovedAt)>("SELECT amount, moved_at FROM deals WHERE crm_id = 7");
        Assert.Multiple(() =>
        {
            Assert.That(row.Amount, Is.EqualTo("1234.5"));
            Assert.That(row.MovedAt, Is.EqualTo("2026-11-20T07:00:00.0000000Z"));
            Assert.That(UtcText.Parse(row.MovedAt), Is.EqualTo(T0));
        });
        Assert.That(CultureInfo.CurrentCulture.Name, Is.EqualTo("fa-IR"));
    }

    [Test]
    public async Task UpsertContactsAsync_OnlyChangedContactsTakeTheNextChangeNumber()
    {
        var (sut, portal) = await CreateSutAsync();
        var ct = TestContext.CurrentContext.CancellationToken;
        static ContactWrite Contact(long id, string? optOut = null) => new(new CrmContact
        {
            Id = id,
            Name = "N" + id.ToString(CultureInfo.InvariantCulture),
            ModifiedAt = T0,
            CustomFields = optOut is null ? CrmCustomFields.None : new Dictionary<string, IReadOnlyList<string>> { ["UF_CRM_X"] = [optOut] },
        }, []);
        async Task<(long, long)> SeqAsync()
        {
            await using var connection = await _connections!.OpenAsync(ct);
            var seqs = (await connection.QueryAsync<long>("SELECT change_seq FROM contacts ORDER BY crm_id")).ToList();
            return (seqs[0], seqs[1]);
        }

        await sut.UpsertContactsAsync(portal, [Contact(1), Contact(2)], null, ct);
        var written = await SeqAsync();
        await sut.UpsertContactsAsync(portal, [Contact(1), Contact(2, "1")], null, ct);
        var oneChanged = await SeqAsync();
        await sut.UpsertContactsAsync(portal, [Contact(1), Contact(2, "1")], null, ct);
        var unchanged = await SeqAsync();
        await sut.MarkDeletedAsync(portal, CrmRecordKind.Contact, [1], ct);
        var deleted = await SeqAsync();
        await sut.UpsertContactsAsync(portal, [Contact(1)], null, ct);
        var revived = await SeqAsync();

        Assert.Multiple(() =>
        {
            Assert.That(written.Item1, Is.EqualTo(written.Item2), "one transaction, one number");
            Assert.That(oneChanged, Is.EqualTo((written.Item1, written.Item2 + 1)), "only the contact whose field changed moves");
            Assert.That(unchanged, Is.EqualTo(oneChanged), "written again unchanged: no change");
            Assert.That(deleted.Item1, Is.GreaterThan(unchanged.Item2), "a deletion is a change");
            Assert.That(revived.Item1, Is.GreaterThan(deleted.Item1), "so is coming back");
        });
    }

    private IStoreConnections? _connections;

    [TearDown]
    public async Task Release() => await StoreProviders.ReleaseAsync(_connections);

    private async Task<(SqliteMirrorStore Sut, long Portal)> CreateSutAsync()
    {
        _connections = await StoreProviders.CreateAsync(provider, TestContext.CurrentContext.CancellationToken);
        var sut = new SqliteMirrorStore(_connections, TimeProvider.System);
        return (sut, await sut.EnsurePortalAsync("test", "test", "webhook", TestContext.CurrentContext.CancellationToken));
    }

    private static CrmDeal Deal(long id, string stage, DateTimeOffset movedAt) =>
        new() { Id = id, StageId = stage, CategoryId = 0, Title = "d", MovedAt = movedAt, ModifiedAt = movedAt };
}
