using System.Text.RegularExpressions;
using Connector.Reports;
using Connector.Tests.Sending;
using Connector.Tests.TestSupport;

namespace Connector.Tests.Reports;

/// <summary>
/// Every report statement finds its rows through an index: a send key's report never scans the ledger (which holds every
/// message ever sent), nor the engagement or bounce tables; a contact's and a deal's listing start from their indexes.
/// </summary>
[CancelAfter(120_000)]
public sealed class ReportQueryPlanTests
{
    private static readonly (string Name, string Sql, string[] Indexes)[] Statements =
    [
        (nameof(ReportQueries.Key), ReportQueries.Key, ["sqlite_autoindex_send_keys_1"]),
        (nameof(ReportQueries.ByDomain), ReportQueries.ByDomain, ["sqlite_autoindex_send_ledger_1 (send_key=?)", "ix_bounce_events_ledger", "SEARCH e USING INTEGER PRIMARY KEY"]),
        (nameof(ReportQueries.ContactMessages), ReportQueries.ContactMessages, ["ix_send_ledger_contact (contact_id=?)", "ix_bounce_events_ledger"]),
        (nameof(ReportQueries.DealMessages), ReportQueries.DealMessages, ["ix_send_keys_deal (portal_id=? AND deal_id=?)", "sqlite_autoindex_send_ledger_1 (send_key=?)"]),
        (nameof(ReportQueries.OneMessage), ReportQueries.OneMessage, ["SEARCH l USING INTEGER PRIMARY KEY", "sqlite_autoindex_send_keys_1", "ix_bounce_events_ledger"]),
        (nameof(ReportQueries.Links), ReportQueries.Links, ["sqlite_autoindex_engagement_links_1 (ledger_id=?)"]),
    ];

    public static IEnumerable<TestCaseData> Cases() => Statements.Select(s => new TestCaseData(s.Sql, s.Indexes).SetArgDisplayNames(s.Name));

    [TestCaseSource(nameof(Cases))]
    public async Task ReportStatement_UsesItsIndexes_NeverScansAResultTable(string sql, string[] indexes)
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        using var rig = new LedgerRig(TimeProvider.System);
        // Many keys, as a real ledger holds: the statistics then tell the planner a key is selective.
        for (var i = 0; i < 20; i++)
        {
            await rig.Ledger.EnqueueAsync(i == 0 ? "campaign:plan" : $"campaign:other-{i}", LedgerRig.Recipients(50), DateTimeOffset.UtcNow, null, ct);
        }

        await using var connection = await rig.Connections.OpenAsync(ct);
        var plan = await QueryPlan.ExplainAsync(connection, sql, name => name is "@Ids" ? "[1,2]" : name is "@Key" ? "campaign:plan" : 1, ct);
        var text = string.Join("\n", plan);
        Assert.Multiple(() =>
        {
            Assert.That(plan.Where(p => Regex.IsMatch(p, @"^SCAN (send_ledger|send_keys|engagement_\w+|bounce_events|[lkebc])\b")), Is.Empty, text);
            foreach (var index in indexes)
            {
                Assert.That(text, Does.Contain(index), text);
            }
        });
    }
}
