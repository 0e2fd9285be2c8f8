using System.Text.RegularExpressions;
using Connector.Sending.Queue;
using Connector.Tests.TestSupport;

namespace Connector.Tests.Sending.Queue;

/// <summary>The send queue's reads start from an index, never by scanning the ledger or the stored letters (both hold every message ever queued).</summary>
[CancelAfter(120_000)]
public sealed class QueuedLetterQueryPlanTests
{
    private static readonly (string Name, string Sql, string[] Indexes)[] Statements =
    [
        (nameof(QueuedLetterStore.AnyDue), QueuedLetterStore.AnyDue, ["ix_send_ledger_due_stored", "ix_send_ledger_owner"]),
        (nameof(SendQueue.PageSuppressions), SendQueue.PageSuppressions, ["ix_suppressions_nocase"]),
        (nameof(QueuedLetterStore.BySendKey), QueuedLetterStore.BySendKey, ["sqlite_autoindex_send_ledger_1 (send_key=?)"]),
        (nameof(QueuedLetterStore.ByLedgerId), QueuedLetterStore.ByLedgerId, ["INTEGER PRIMARY KEY"]),
        (nameof(QueuedLetterStore.LatestGeneration), QueuedLetterStore.LatestGeneration, ["sqlite_autoindex_send_keys_1"]),
    ];

    public static IEnumerable<TestCaseData> Cases() => Statements.Select(s => new TestCaseData(s.Sql, s.Indexes).SetArgDisplayNames(s.Name));

    [TestCaseSource(nameof(Cases))]
    public async Task QueueStatement_UsesAnIndex_NeverScansTheLedgerOrTheLetters(string sql, string[] indexes)
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        using var rig = new LedgerRig(TimeProvider.System);
        for (var i = 0; i < 20; i++)
        {
            await rig.Ledger.EnqueueAsync($"campaign:plan-{i}", LedgerRig.Recipients(50), DateTimeOffset.UtcNow, null, ct);
        }

        await using var connection = await rig.Connections.OpenAsync(ct);
        var plan = await QueryPlan.ExplainAsync(connection, sql, name => name is "@Id" ? 1 : name is "@SendKey" or "@Base" ? "campaign:plan-1" : "x", ct);
        var text = string.Join("\n", plan);
        Assert.Multiple(() =>
        {
            Assert.That(plan.Where(p => Regex.IsMatch(p, @"^SCAN (send_ledger|send_keys|queued_letters|suppressions|[lqk])\b")), Is.Empty, text);
            foreach (var index in indexes)
            {
                Assert.That(text, Does.Contain(index), text);
            }
        });
    }
}
