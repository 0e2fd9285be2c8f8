using System.Globalization;
using Connector.Store;
using Connector.Sync;
using Connector.Tests.TestSupport;
using Dapper;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Store;

/// <summary>What the mirror writes, read back through <see cref="MirrorQueries"/>, on each provider: the same rows on both.</summary>
[TestFixtureSource(typeof(StoreProviders), nameof(StoreProviders.All))]
[CancelAfter(120_000)]
public sealed class MirrorQueriesTests(StoreProvider provider)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(T0);
    private IStoreConnections _connections = null!;

    [SetUp]
    public async Task CreateStore() => _connections = await StoreProviders.CreateAsync(provider, TestContext.CurrentContext.CancellationToken);

    [TearDown]
    public async Task Release() => await StoreProviders.ReleaseAsync(_connections);

    [Test]
    public async Task Exports_ContactsDealsTransitionsAndStages_ListsInCrmOrderJoinedBySeparator()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        var mirror = new SqliteMirrorStore(_connections, _time);
        var sut = new MirrorQueries(_connections);
        var portal = await mirror.EnsurePortalAsync("p#1", "p.example", "webhook", ct);
        await mirror.UpsertPipelinesAsync(portal, [new CrmPipeline(0, "General", 1, true), new CrmPipeline(5, "Other", 0, false)],
            [new CrmStage("NEW", 0, "New", 10, "P", null), new CrmStage("WON", 0, "Won", 20, "S", "#0f0"), new CrmStage("C5:NEW", 5, "New 5", 10, "P", null)], ct);
        await mirror.UpsertContactsAsync(portal, [
            new ContactWrite(new CrmContact { Id = 2, Name = "Bea", ModifiedAt = T0 }, [
                EmailNormalizer.Normalize(new CrmEmail("b@x.example", "WORK")), EmailNormalizer.Normalize(new CrmEmail("not-an-address", "HOME")),
                EmailNormalizer.Normalize(new CrmEmail("A@X.example", "HOME"))]),
            new ContactWrite(new CrmContact { Id = 1, Name = "Al", LastName = "Smith" }, []),
        ], 1, ct);
        await mirror.UpsertDealsAsync(portal, [
            new CrmDeal { Id = 10, StageId = "NEW", CategoryId = 0, Title = "d10", Amount = 12.5m, Currency = "EUR", ContactIds = [2, 1, 2], MovedAt = T0 },
            new CrmDeal { Id = 11, StageId = "C5:NEW", CategoryId = 5, MovedAt = T0 },
        ], 1, recordNewDeals: true, "poll", ct);
        await mirror.UpsertDealsAsync(portal, [new CrmDeal { Id = 10, StageId = "WON", CategoryId = 0, ContactIds = [2], MovedAt = T0.AddHours(1) }], 2, false, "event", ct);
        await mirror.MarkDeletedAsync(portal, CrmRecordKind.Contact, [1], ct);

        var contacts = await sut.ContactsAsync(portal, ct).ToListAsync(ct);
        var deals = await sut.DealsAsync(portal, ct).ToListAsync(ct);
        var all = await sut.TransitionsAsync(portal, null, ct).ToListAsync(ct);
        var ofDeal = await sut.TransitionsAsync(portal, 10, ct).ToListAsync(ct);
        var stages = await sut.StagesAsync(portal, ct).ToListAsync(ct);
        var names = await sut.StagesWithoutCountsAsync(portal, ct).ToListAsync(ct);

        const char S = MirrorQueries.ListSeparator;
        Assert.Multiple(async () =>
        {
            Assert.That(await sut.PortalIdAsync("p#1", ct), Is.EqualTo(portal));
            Assert.That(await sut.PortalIdAsync("nope", ct), Is.Null);
            Assert.That(contacts.Select(c => (c.Id, c.Name, c.LastName, c.Emails, c.InvalidEmails, c.Deleted)), Is.EqualTo(new[]
            {
                (1L, (string?)"Al", (string?)"Smith", (string?)null, (string?)null, 1L),
                (2L, "Bea", null, $"b@x.example{S}not-an-address{S}A@x.example", "not-an-address", 0L),
            }));
            Assert.That(contacts[1].ModifiedAt, Is.EqualTo("2026-11-20T10:00:00.0000000Z"));
            Assert.That(deals.Select(d => (d.Id, d.StageId, d.CategoryId, d.Amount, d.Currency, d.ContactIds, d.Deleted)), Is.EqualTo(new[]
            {
                (10L, "WON", 0L, (string?)null, (string?)null, (string?)"2", 0L),
                (11L, "C5:NEW", 5L, null, null, null, 0L),
            }));
            Assert.That(all.Select(t => (t.DealId, t.FromStage, t.ToStage, t.FromPipeline, t.ToPipeline, t.DetectedBy)), Is.EqualTo(new[]
            {
                (10L, (string?)null, "NEW", (long?)null, 0L, "poll"), (11L, null, "C5:NEW", null, 5L, "poll"), (10L, "NEW", "WON", 0L, 0L, "event"),
            }));
            Assert.That(ofDeal.Select(t => t.ToStage), Is.EqualTo(new[] { "NEW", "WON" }));
            Assert.That(stages.Select(s => (s.PipelineId, s.IsDefault, s.StageId, s.Deals)), Is.EqualTo(new[] { (5L, 0L, "C5:NEW", 1L), (0L, 1L, "NEW", 0L), (0L, 1L, "WON", 1L) }));
            Assert.That(names.Select(s => (s.StageId, s.Deals)), Is.EqualTo(new[] { ("C5:NEW", 0L), ("NEW", 0L), ("WON", 0L) }));
        });
    }

    [Test]
    public async Task DealsAsync_ContactsInCrmOrder_JoinedInThatOrder()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        var mirror = new SqliteMirrorStore(_connections, _time);
        var portal = await mirror.EnsurePortalAsync("p#1", "p.example", "webhook", ct);
        await mirror.UpsertDealsAsync(portal, [new CrmDeal { Id = 1, StageId = "NEW", CategoryId = 0, Amount = 1234.5m, ContactIds = [30, 4, 200, 4] }], null, false, "poll", ct);

        var deal = (await new MirrorQueries(_connections).DealsAsync(portal, ct).ToListAsync(ct)).Single();

        Assert.That((deal.ContactIds, deal.Amount), Is.EqualTo(((string?)$"30{MirrorQueries.ListSeparator}4{MirrorQueries.ListSeparator}200", (string?)"1234.5")));
    }

    [Test]
    public async Task RemovePortalAsync_UsersLabelsAndMirror_GoneForThatPortalOnly()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        var mirror = new SqliteMirrorStore(_connections, _time);
        var (gone, kept) = (await mirror.EnsurePortalAsync("gone#1", "g", "webhook", ct), await mirror.EnsurePortalAsync("kept#1", "k", "webhook", ct));
        foreach (var portal in new[] { gone, kept })
        {
            await mirror.UpsertUsersAsync(portal, [new CrmUser(1, "Ann", null, null, "ann@x.example", true), new CrmUser(2, "Bob", null, null, null, true)], ct);
            await mirror.ReplaceFieldLabelsAsync(portal, [new CrmFieldLabel("contact", "UF_CRM_X", "string", "en", "X")], ct);
            await mirror.UpsertContactsAsync(portal, [new ContactWrite(new CrmContact { Id = 1 }, [EmailNormalizer.Normalize(new CrmEmail("a@x.example", null))])], 1, ct);
            await mirror.SetPortalTimeZoneAsync(portal, "Europe/Berlin", ct);
        }

        _time.Advance(TimeSpan.FromMinutes(1));
        await mirror.UpsertUsersAsync(kept, [new CrmUser(1, "Ann", null, null, "ann@x.example", true)], ct);
        await mirror.RemovePortalAsync(gone, ct);

        await using var connection = await _connections.OpenAsync(ct);
        var users = (await connection.QueryAsync<(long Portal, long Id, long Active)>("SELECT portal_id, crm_id, active FROM users ORDER BY portal_id, crm_id")).ToList();
        var labels = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM custom_field_labels WHERE portal_id = @Gone", new { Gone = gone });
        var rows = (await mirror.PortalsAsync(ct)).Select(p => (p.Key, p.Contacts)).ToList();
        var zone = await connection.ExecuteScalarAsync<string>("SELECT time_zone FROM portals WHERE id = @Kept", new { Kept = kept });
        Assert.Multiple(() =>
        {
            Assert.That(users, Is.EqualTo(new[] { (kept, 1L, 1L), (kept, 2L, 0L) }), "user 2 not listed any more: kept as inactive");
            Assert.That(labels, Is.Zero);
            Assert.That(rows, Is.EqualTo(new[] { ("kept#1", 1L) }));
            Assert.That(zone, Is.EqualTo("Europe/Berlin"));
        });
    }
}
