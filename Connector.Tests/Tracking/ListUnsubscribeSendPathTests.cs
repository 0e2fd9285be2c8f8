using Connector.Sending.Ledger;
using Connector.Tests.Sending;
using Dapper;

namespace Connector.Tests.Tracking;

/// <summary>"This list only" reaches the send path: the ledger's reservation settles a row of that list as suppressed (the list: the send key's name in send_keys, else the send key).</summary>
[CancelAfter(30_000)]
public sealed class ListUnsubscribeSendPathTests
{
    [Test]
    public async Task Reserve_AddressUnsubscribedFromThisList_RowSuppressedOtherListsAndAddressesSent(CancellationToken cancellationToken)
    {
        using var rig = new LedgerRig(TimeProvider.System);
        await using (var connection = await rig.Connections.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO list_unsubscribes (address, list_key, ledger_id, created_at) VALUES ('R1@Example.org', 'campaign:news', 1, '2026-12-03T00:00:00.0000000Z')",
                cancellationToken: cancellationToken));
        }

        var now = TimeProvider.System.GetUtcNow();
        await rig.Ledger.EnqueueAsync("campaign:news", LedgerRig.Recipients(2), now, TimeSpan.FromDays(1), cancellationToken);
        await rig.Ledger.EnqueueAsync("campaign:other", LedgerRig.Recipients(1), now, TimeSpan.FromDays(1), cancellationToken);

        var batch = await rig.Ledger.ReserveAsync(new ReservePolicy("runner-1", TimeSpan.FromMinutes(1), 10), cancellationToken);
        var news = await rig.Ledger.RowsAsync("campaign:news", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(batch.Rows.Select(r => (r.SendKey, r.Recipient)), Is.EquivalentTo(new[] { ("campaign:news", "r2@example.org"), ("campaign:other", "r1@example.org") }));
            Assert.That(news.Select(r => (r.Recipient, r.State, r.Detail)), Is.EquivalentTo(new[]
            {
                ("r1@example.org", "suppressed", (string?)"unsubscribed from this list"), ("r2@example.org", "queued", null),
            }));
        });
    }

    [Test]
    public async Task Reserve_AddressUnsubscribedFromANamedList_EveryRunOfThatListSuppressedOthersSent(CancellationToken cancellationToken)
    {
        using var rig = new LedgerRig(TimeProvider.System);
        await using (var connection = await rig.Connections.OpenAsync(cancellationToken))
        {
            // Two runs of the newsletter (the template "news"), one of another list; r1 unsubscribed from "news" only.
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO send_keys (send_key, portal_id, name, kind, deal_id, created_at) VALUES
                    ('campaign:news:november', NULL, 'news', 'Campaign', NULL, '2026-12-03T00:00:00.0000000Z'),
                    ('campaign:news:december', NULL, 'news', 'Campaign', NULL, '2026-12-03T00:00:00.0000000Z'),
                    ('campaign:offers', NULL, 'offers', 'Campaign', NULL, '2026-12-03T00:00:00.0000000Z');
                INSERT INTO list_unsubscribes (address, list_key, ledger_id, created_at) VALUES ('r1@example.org', 'news', 1, '2026-12-03T00:00:00.0000000Z');
                """, cancellationToken: cancellationToken));
        }

        var now = TimeProvider.System.GetUtcNow();
        foreach (var key in new[] { "campaign:news:november", "campaign:news:december", "campaign:offers" })
        {
            await rig.Ledger.EnqueueAsync(key, LedgerRig.Recipients(2), now, TimeSpan.FromDays(1), cancellationToken);
        }

        var batch = await rig.Ledger.ReserveAsync(new ReservePolicy("runner-1", TimeSpan.FromMinutes(1), 10), cancellationToken);
        Assert.That(batch.Rows.Select(r => (r.SendKey, r.Recipient)), Is.EquivalentTo(new[]
        {
            ("campaign:news:november", "r2@example.org"), ("campaign:news:december", "r2@example.org"),
            ("campaign:offers", "r1@example.org"), ("campaign:offers", "r2@example.org"),
        }));
    }
}
