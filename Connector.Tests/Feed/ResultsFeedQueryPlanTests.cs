using System.Text.RegularExpressions;
using Connector.Feed;
using Connector.Tests.TestSupport;
using Connector.Tests.Webhooks;

namespace Connector.Tests.Feed;

/// <summary>
/// Every feed statement is a range of its fact table's primary key after the cursor, joined through keys: a pass never
/// scans the ledger, the hits or the bounces, however many rows the cursor has passed.
/// </summary>
[CancelAfter(60_000)]
public sealed class ResultsFeedQueryPlanTests
{
    private static readonly (string Name, string Sql, string[] Steps)[] Statements =
    [
        (nameof(ResultsFeed.HitsAfter), ResultsFeed.HitsAfter, ["SEARCH h USING INTEGER PRIMARY KEY (rowid>?)", "SEARCH l USING INTEGER PRIMARY KEY (rowid=?)", "sqlite_autoindex_send_keys_1 (send_key=?)"]),
        (nameof(ResultsFeed.BouncesAfter), ResultsFeed.BouncesAfter, ["SEARCH b USING INTEGER PRIMARY KEY (rowid>?)", "SEARCH l USING INTEGER PRIMARY KEY (rowid=?)", "sqlite_autoindex_send_keys_1 (send_key=?)"]),
        (nameof(ResultsFeed.LedgerAfter), ResultsFeed.LedgerAfter, ["SEARCH l USING INTEGER PRIMARY KEY (rowid>?)", "sqlite_autoindex_send_keys_1 (send_key=?)"]),
        (nameof(ResultsFeed.LedgerWatched), ResultsFeed.LedgerWatched, ["sqlite_autoindex_results_ledger_watch_1 (consumer=?)", "SEARCH l USING INTEGER PRIMARY KEY (rowid=?)", "sqlite_autoindex_send_keys_1 (send_key=?)"]),
    ];

    public static IEnumerable<TestCaseData> Cases() => Statements.Select(s => new TestCaseData(s.Sql, s.Steps).SetArgDisplayNames(s.Name));

    [TestCaseSource(nameof(Cases))]
    public async Task FeedStatement_IsARangeOfItsKey_NeverAScan(string sql, string[] steps)
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        await using var rig = await WebhookRig.StartAsync();
        var follower = new ResultsFollower(new ResultsFeed(rig.Connections), new ResultsCursorStore(rig.Connections), rig.Clock);
        // Many send keys, as a running connector holds (one a campaign run): the statistics then tell the planner a key is selective.
        for (var i = 0; i < 50; i++)
        {
            await rig.ExecuteAsync(
                "INSERT INTO send_keys (send_key, portal_id, name, kind, created_at) VALUES (@Key, 1, 'Other', 'Campaign', 'x')", new { Key = $"campaign:other-{i}" });
        }

        for (var i = 0; i < 50; i++)
        {
            var ledger = await rig.LedgerAsync($"r{i}@example.org", i + 1, i % 5 == 0 ? "queued" : "sent");
            await rig.HitAsync(ledger, i + 1, "open");
            await rig.BounceAsync(ledger, $"r{i}@example.org", "soft", "4.2.2");
        }

        // A follower has passed them, so the cursors and a watch list hold rows as they do in a running connector.
        await follower.FollowAsync("timeline", 20, (_, _) => Task.FromResult<ResultsWrite>((_, _, _) => Task.FromResult(0)), ct);
        await using var connection = await rig.Connections.OpenAsync(ct);
        var plan = await QueryPlan.ExplainAsync(connection, sql, name => name is "@Consumer" ? "timeline" : name is "@Limit" ? 20 : 25, ct);
        var text = string.Join("\n", plan);
        Assert.Multiple(() =>
        {
            Assert.That(plan.Where(p => Regex.IsMatch(p, @"^SCAN ")), Is.Empty, text);
            foreach (var step in steps)
            {
                Assert.That(text, Does.Contain(step), text);
            }
        });
    }
}
