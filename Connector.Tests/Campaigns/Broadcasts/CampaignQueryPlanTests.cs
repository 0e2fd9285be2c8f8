using System.Text.RegularExpressions;
using Connector.Campaigns.Broadcasts;
using Connector.Sending.Ledger;
using Connector.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace Connector.Tests.Campaigns.Broadcasts;

/// <summary>
/// The campaign job's statements and the ledger's pause, resume and cancel find their rows through an index, never by
/// scanning the campaigns, the audience or the ledger.
/// </summary>
[CancelAfter(120_000)]
public sealed class CampaignQueryPlanTests
{
    private static readonly (string Name, string Sql, string[] Indexes)[] Statements =
    [
        ("Due", CampaignStore.Due, ["ix_campaigns_due"]),
        ("Unqueued", CampaignStore.Unqueued, ["sqlite_autoindex_campaign_recipients_1"]),
        ("Stats", CampaignStore.Stats, ["ix_engagement_hits_ledger"]),
        ("Hold", SendLedgerStore.Hold, ["sqlite_autoindex_send_ledger_1 (send_key=?)"]),
        ("Cancel", SendLedgerStore.Cancel, ["sqlite_autoindex_send_ledger_1 (send_key=?)"]),
        ("HeldRows", SendLedgerStore.HeldRows, ["sqlite_autoindex_send_ledger_1 (send_key=?)"]),
        ("Release", SendLedgerStore.Release, ["INTEGER PRIMARY KEY"]),
    ];

    public static IEnumerable<TestCaseData> Cases() => Statements.Select(s => new TestCaseData(s.Sql, s.Indexes).SetArgDisplayNames(s.Name));

    [TestCaseSource(nameof(Cases))]
    public async Task CampaignStatement_UsesAnIndex_NeverScans(string sql, string[] indexes)
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        await using var rig = await CampaignRig.StartAsync(ct);
        await rig.SeedContactsAsync(1, 300);
        for (var i = 0; i < 3; i++)
        {
            await rig.CreateAsync(new CampaignSpec { Template = CampaignRig.Template, Segment = "contact.name = \"Reader\"" }, ct);
        }

        await rig.Runner.RunDueAsync(ct);
        await using var connection = new SqliteConnection($"Data Source={rig.StorePath};Pooling=False");
        await connection.OpenAsync(ct);
        var plan = await QueryPlan.ExplainAsync(connection, sql, name => name switch
        {
            "@Rows" => "[{\"id\":1,\"at\":\"x\"}]", "@Id" or "@Limit" or "@After" or "@Below" or "@Positions" => 1, _ => "scheduled-campaign:1",
        }, ct);
        var text = string.Join("\n", plan);
        Assert.Multiple(() =>
        {
            Assert.That(plan.Where(p => Regex.IsMatch(p, @"^SCAN (send_ledger|campaigns|campaign_recipients|engagement_hits|[lrh])\b")), Is.Empty, text);
            foreach (var index in indexes)
            {
                Assert.That(text, Does.Contain(index), text);
            }
        });
    }
}
