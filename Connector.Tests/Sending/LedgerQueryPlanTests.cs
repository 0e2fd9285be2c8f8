using System.Text.RegularExpressions;
using Connector.Sending.Ledger;
using Connector.Sending.Queue;
using Connector.Tests.TestSupport;

namespace Connector.Tests.Sending;

/// <summary>
/// The ledger's statements on the send path find their rows through an index, never by scanning the ledger (which
/// holds every message ever sent): the partial indexes of migration 0013 must keep serving them, and serve's runner
/// reserves through 0022's index of rows with a stored letter, never walking a CLI campaign's backlog.
/// </summary>
[CancelAfter(120_000)]
public sealed class LedgerQueryPlanTests
{
    private static readonly (string Name, string Sql, string? Index)[] Statements =
    [
        (nameof(SendLedgerStore.Due), SendLedgerStore.Due, "ix_send_ledger_due "),
        (nameof(SendLedgerStore.DueStored), SendLedgerStore.DueStored, "ix_send_ledger_due_stored"),
        (nameof(QueuedLetterStore.AnyDue), QueuedLetterStore.AnyDue, "ix_send_ledger_due_stored"),
        (nameof(SendLedgerStore.DomainLoad), SendLedgerStore.DomainLoad, "ix_send_ledger_sent_by_domain"),
        (nameof(SendLedgerStore.ContactLoad), SendLedgerStore.ContactLoad, "ix_send_ledger_contact"),
        (nameof(SendLedgerStore.Take), SendLedgerStore.Take, null),
        (nameof(SendLedgerStore.MarkSending), SendLedgerStore.MarkSending, null),
        (nameof(SendLedgerStore.PutBack), SendLedgerStore.PutBack, null),
        (nameof(SendLedgerStore.Finish), SendLedgerStore.Finish, null),
        (nameof(SendLedgerStore.HoldBack), SendLedgerStore.HoldBack, null),
        (nameof(SendLedgerStore.AbandonDead), SendLedgerStore.AbandonDead, "ix_send_ledger_owner"),
        (nameof(SendLedgerStore.ReleaseDead), SendLedgerStore.ReleaseDead, "ix_send_ledger_owner"),
        (nameof(SendLedgerStore.ReleaseMine), SendLedgerStore.ReleaseMine, "ix_send_ledger_owner"),
    ];

    public static IEnumerable<TestCaseData> Cases() => Statements.Select(s => new TestCaseData(s.Sql, s.Index).SetArgDisplayNames(s.Name));

    [TestCaseSource(nameof(Cases))]
    public async Task SendPathStatement_UsesAnIndex_NeverScansTheLedger(string sql, string? index)
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        using var rig = new LedgerRig(TimeProvider.System);
        await rig.Ledger.EnqueueAsync("campaign:plan", LedgerRig.Recipients(200), DateTimeOffset.UtcNow, null, ct);
        await using var connection = await rig.Connections.OpenAsync(ct);
        var plan = await QueryPlan.ExplainAsync(connection, sql, name => name is "@Ids" or "@Contacts" or "@Paused" ? "[1,2]" : name is "@Limit" or "@Id" or "@MaxAttempts" ? 1 : "x", ct);
        var text = string.Join("\n", plan);
        Assert.Multiple(() =>
        {
            Assert.That(plan.Where(p => Regex.IsMatch(p, @"^SCAN (send_ledger|l)\b")), Is.Empty, text);
            if (index is not null)
            {
                Assert.That(text, Does.Contain(index), text);
            }
        });
    }
}
