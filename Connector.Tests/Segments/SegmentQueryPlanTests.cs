using System.Text.RegularExpressions;
using Connector.Segments;
using Connector.Tests.TestSupport;
using Dapper;

namespace Connector.Tests.Segments;

/// <summary>
/// The common filters start from indexes (EXPLAIN QUERY PLAN after ANALYZE, on scripts/bench-segments/mirror.sql with
/// 20,000 contacts): the portal's contacts by their primary key, a stage or pipeline by 0020's deal indexes, an engagement
/// window by ix_engagement_hits_kind_at, an address condition from the bounces or
/// suppressions of its kind (0020) into the portal's addresses. No result table is scanned; <c>suppressed</c> (any reason)
/// reads the suppression list's own index whole.
/// </summary>
[CancelAfter(120_000)]
public sealed class SegmentQueryPlanTests
{
    private SegmentRig _rig = null!;

    [OneTimeSetUp]
    public async Task CreateMirror()
    {
        _rig = new SegmentRig();
        var sql = await File.ReadAllTextAsync(MirrorSqlPath(), TestContext.CurrentContext.CancellationToken);
        await using var connection = await _rig.Connections.OpenAsync(TestContext.CurrentContext.CancellationToken);
        await connection.ExecuteAsync(sql.Replace(":contacts", "20000", StringComparison.Ordinal));
    }

    [OneTimeTearDown]
    public void Dispose() => _rig.Dispose();

    [TestCase("deal.stage = \"WON\"", "ix_deals_stage (portal_id=? AND stage_id=?)")]
    [TestCase("deal.stage in (\"WON\", \"C1:WON\")", "ix_deals_stage (portal_id=? AND stage_id=?)")]
    [TestCase("deal.pipeline = 1", "ix_deals_pipeline (portal_id=? AND pipeline_id=?)")]
    [TestCase("contact.email = \"c4@example.org\"", "ix_contact_emails_address (portal_id=? AND address=?)")]
    [TestCase("opened in last 90 days", "ix_engagement_hits_kind_at (kind=? AND at>?)")]
    [TestCase("never clicked", "ix_engagement_hits_kind_at (kind=?)")]
    [TestCase("hard bounced", "ix_bounce_events_kind (kind=?)")]
    [TestCase("hard bounced", "ix_suppressions_reason (reason=?)")]
    [TestCase("hard bounced", "ix_contact_emails_nocase (portal_id=? AND address=?)")]
    [TestCase("suppressed", "SCAN s USING COVERING INDEX ix_suppressions_nocase")]
    [TestCase("unsubscribed from \"Newsletter\"", "ix_list_unsubscribes_list (list_key=?)")]
    [TestCase("in scenario \"welcome\"", "ix_scenario_enrollments_state (scenario_id=? AND state=?)")]
    [TestCase("contact.name starts with \"Name1\" and contact.created > 30 days ago", "sqlite_autoindex_contacts_1 (portal_id=?)")]
    [TestCase("deal.stage = \"WON\" and opened in last 30 days and not suppressed", "ix_deals_stage (portal_id=? AND stage_id=?)")]
    public async Task CommonFilter_StartsFromIndexes_ScansNoResultTable(string expression, string index)
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        var prepared = await _rig.Evaluator.PrepareAsync(expression, ct);
        var arguments = prepared.Sql!.Parameters;
        await using var connection = await _rig.Connections.OpenAsync(ct);

        var plan = await QueryPlan.ExplainAsync(connection, SegmentQueries.CountSql(prepared.Sql), name => name == "@Portal" ? 1L : arguments[name], ct);
        var text = string.Join("\n", plan);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Where(p => !p.Contains("USING COVERING INDEX ix_suppressions_nocase", StringComparison.Ordinal) && Regex.IsMatch(p, @"^SCAN (contacts|deals|deal_contacts|contact_emails|engagement_hits|send_ledger|send_keys|bounce_events|suppressions|list_unsubscribes|scenarios|scenario_enrollments|[cdehlkbsu]|dc)\b")), Is.Empty, text);
            Assert.That(text, Does.Contain(index), text);
            Assert.That(text, Does.Contain("sqlite_autoindex_contacts_1 (portal_id=?"), text);
        });
    }

    [Test]
    public async Task BenchMirror_HasWhatTheFiltersLookFor()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        var counts = new Dictionary<string, long>();
        foreach (var expression in new[] { "deal.stage = \"WON\"", "opened in last 90 days", "hard bounced", "suppressed", "unsubscribed from \"Newsletter\"", "in scenario \"welcome\"" })
        {
            var prepared = await _rig.Evaluator.PrepareAsync(expression, ct);
            counts[expression] = await _rig.Queries.CountAsync(1, prepared.Sql!, ct);
        }

        Assert.That(counts.Values, Has.All.GreaterThan(0), string.Join(", ", counts));
    }

    internal static string MirrorSqlPath()
    {
        for (var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine(folder.FullName, "scripts", "bench-segments", "mirror.sql");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException("scripts/bench-segments/mirror.sql above the test directory");
    }
}
