using Connector.Campaigns.Experiments;
using Connector.Store;
using Dapper;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Campaigns.Experiments;

[TestFixture]
[CancelAfter(60_000)]
public sealed class SendTimeHoursTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private string _folder = "";
    private SqliteConnectionFactory _connections = null!;
    private SendTimeHours _hours = null!;

    [SetUp]
    public async Task SetUp()
    {
        _folder = Directory.CreateTempSubdirectory("sto-").FullName;
        _connections = new SqliteConnectionFactory(Path.Combine(_folder, "s.db"));
        var time = new FakeTimeProvider(Now);
        await new MigrationRunner(_connections, time).ApplyAsync(CancellationToken.None);
        _hours = new SendTimeHours(_connections, time);
        await using var connection = await _connections.OpenAsync(CancellationToken.None);
        foreach (var portal in new[] { 1, 2 })
        {
            await connection.ExecuteAsync("INSERT INTO portals (id, portal_key, domain, auth_mode, created_at, updated_at) VALUES (@Id, @Key, 'b24.example', 'webhook', '', '')",
                new { Id = portal, Key = $"portal-{portal}" });
            await connection.ExecuteAsync("INSERT INTO send_keys (send_key, portal_id, name, kind, created_at) VALUES (@Key, @Portal, 'n', 'Campaign', '')",
                new { Key = $"campaign:p{portal}", Portal = portal });
        }
    }

    [TearDown]
    public void TearDown()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task PreferredUtcHours_IsTheHourOfMostHumanOpensAndClicks()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        await HitAsync(1, contact: 7, "open", Now.AddDays(-3).Date.AddHours(9), ct);
        await HitAsync(1, contact: 7, "click", Now.AddDays(-10).Date.AddHours(9).AddMinutes(40), ct);
        await HitAsync(1, contact: 7, "open", Now.AddDays(-1).Date.AddHours(18), ct);
        // Machine opens (a privacy proxy at 03:00) and unsubscribes do not count.
        await HitAsync(1, contact: 7, "open", Now.AddDays(-1).Date.AddHours(3), ct, machine: true);
        await HitAsync(1, contact: 7, "open", Now.AddDays(-2).Date.AddHours(3), ct, machine: true);
        await HitAsync(1, contact: 7, "unsubscribe", Now.AddDays(-2).Date.AddHours(3), ct);
        await HitAsync(1, contact: 7, "unsubscribe", Now.AddDays(-4).Date.AddHours(3), ct);

        var hours = await _hours.PreferredUtcHoursAsync(1, [7, 8], ct);

        Assert.That(hours, Is.EqualTo(new Dictionary<long, int> { [7] = 9 }), "contact 8 has no history: absent");
    }

    [Test]
    public async Task PreferredUtcHours_TieGoesToTheMostRecentHour_AndOldHitsAreIgnored()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        await HitAsync(1, contact: 5, "open", Now.AddDays(-20).Date.AddHours(8), ct);
        await HitAsync(1, contact: 5, "open", Now.AddDays(-2).Date.AddHours(14), ct);
        for (var i = 0; i < 5; i++)
        {
            await HitAsync(1, contact: 5, "open", Now.AddDays(-200 - i).Date.AddHours(22), ct);
        }

        var hours = await _hours.PreferredUtcHoursAsync(1, [5], ct);

        Assert.That(hours[5], Is.EqualTo(14));
    }

    [Test]
    public async Task PreferredUtcHours_ReadsOnlyTheGivenPortal()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        await HitAsync(2, contact: 3, "open", Now.AddDays(-1).Date.AddHours(6), ct);
        await HitAsync(2, contact: 3, "open", Now.AddDays(-2).Date.AddHours(6), ct);
        await HitAsync(1, contact: 3, "open", Now.AddDays(-3).Date.AddHours(11), ct);

        Assert.Multiple(async () =>
        {
            Assert.That((await _hours.PreferredUtcHoursAsync(1, [3], ct))[3], Is.EqualTo(11));
            Assert.That((await _hours.PreferredUtcHoursAsync(2, [3], ct))[3], Is.EqualTo(6));
        });
    }

    [Test]
    public async Task PreferredUtcHours_ManyContacts_AreReadInChunks()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        await using (var connection = await _connections.OpenAsync(ct))
        {
            using var tx = connection.BeginTransaction();
            for (var contact = 1; contact <= 1200; contact++)
            {
                await InsertHitAsync(connection, tx, 1, contact, "open", Now.AddDays(-1).Date.AddHours(contact % 24), machine: false);
            }

            tx.Commit();
        }

        var hours = await _hours.PreferredUtcHoursAsync(1, Enumerable.Range(1, 1300).Select(i => (long)i).ToList(), ct);

        Assert.Multiple(() =>
        {
            Assert.That(hours, Has.Count.EqualTo(1200));
            Assert.That(hours[1199], Is.EqualTo(1199 % 24));
        });
    }

    private async Task HitAsync(int portal, long contact, string kind, DateTimeOffset at, CancellationToken ct, bool machine = false)
    {
        await using var connection = await _connections.OpenAsync(ct);
        await InsertHitAsync(connection, null, portal, contact, kind, at, machine);
    }

    private static async Task InsertHitAsync(Microsoft.Data.Sqlite.SqliteConnection connection, System.Data.IDbTransaction? tx, int portal, long contact, string kind, DateTimeOffset at, bool machine)
    {
        var ledger = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO send_ledger (send_key, recipient, contact_id, state, due_at, next_attempt_at, created_at, updated_at)
            VALUES (@Key, @Recipient, @Contact, 'sent', '', '', '', '') RETURNING id
            """, new { Key = $"campaign:p{portal}", Recipient = $"c{contact}-{Guid.NewGuid():N}@hits.example", Contact = contact }, tx);
        await connection.ExecuteAsync("INSERT INTO engagement_hits (ledger_id, contact_id, kind, at, machine) VALUES (@Ledger, @Contact, @Kind, @At, @Machine)",
            new { Ledger = ledger, Contact = contact, Kind = kind, At = UtcText.From(at), Machine = machine ? 1 : 0 }, tx);
    }
}
