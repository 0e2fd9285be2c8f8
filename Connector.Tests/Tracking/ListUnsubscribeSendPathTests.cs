using Connector.Sending.Ledger;
using Connector.Tests.Sending;
using Dapper;

namespace Connector.Tests.Tracking;

/// <summary>"This list only" reaches the send path: the ledger's reservation settles a row of that list (send key) as suppressed.</summary>
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
}
