using Connector.Store;
using Dapper;

namespace Connector.Rfm;

/// <summary>Reads the scores <see cref="RfmRefresher"/> wrote and the cohorts straight from the mirror, one portal at a time.</summary>
public sealed class RfmQueries(SqliteConnectionFactory connections)
{
    /// <summary>How many cohorts (months, newest last) and months after the first the app shows.</summary>
    public const int CohortMonths = 12;

    private const string Cells = """
        SELECT r AS R, f AS F, COUNT(*) AS Contacts, TOTAL(monetary) AS Monetary
        FROM rfm_scores WHERE portal_id = @Portal GROUP BY r, f
        """;

    private const string Segments = """
        SELECT segment AS Segment, COUNT(*) AS Contacts, TOTAL(monetary) AS Monetary,
               AVG(recency_days) AS AverageRecencyDays, AVG(frequency) AS AverageFrequency
        FROM rfm_scores WHERE portal_id = @Portal GROUP BY segment
        """;

    private const string Cohorts = $"""
        WITH {RfmSql.Won},
        months AS (SELECT DISTINCT contact_id, CAST(substr(won_at, 1, 4) AS INTEGER) * 12 + CAST(substr(won_at, 6, 2) AS INTEGER) - 1 AS month FROM won),
        firsts AS (SELECT contact_id, MIN(month) AS cohort FROM months GROUP BY contact_id)
        SELECT f.cohort AS Cohort, m.month - f.cohort AS Offset, COUNT(*) AS Contacts
        FROM firsts f JOIN months m ON m.contact_id = f.contact_id
        WHERE f.cohort >= (SELECT MAX(cohort) FROM firsts) - @Months + 1 AND m.month - f.cohort < @Months
        GROUP BY f.cohort, m.month - f.cohort
        ORDER BY f.cohort, Offset
        """;

    private const string Members = """
        SELECT s.contact_id AS ContactId, TRIM(COALESCE(c.name, '') || ' ' || COALESCE(c.last_name, '')) AS Name,
               (SELECT e.address FROM contact_emails e WHERE e.portal_id = s.portal_id AND e.contact_id = s.contact_id AND e.is_valid = 1 ORDER BY e.position LIMIT 1) AS Email,
               s.last_won_at AS LastWonAt, s.recency_days AS RecencyDays, s.frequency AS Frequency, s.monetary AS Monetary, s.r AS R, s.f AS F, s.m AS M, s.since AS Since
        FROM rfm_scores s LEFT JOIN contacts c ON c.portal_id = s.portal_id AND c.crm_id = s.contact_id
        WHERE s.portal_id = @Portal AND s.segment = @Segment
        ORDER BY s.monetary DESC, s.contact_id LIMIT @Limit OFFSET @Offset
        """;

    public async Task<RfmOverview> OverviewAsync(long portalId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var run = await connection.QuerySingleOrDefaultAsync<RfmRunRow>(new CommandDefinition(
            "SELECT computed_at AS ComputedAt, currency AS Currency, contacts AS Contacts FROM rfm_runs WHERE portal_id = @Portal", new { Portal = portalId }, cancellationToken: cancellationToken));
        var cells = (await connection.QueryAsync<(long R, long F, long Contacts, double Monetary)>(new CommandDefinition(Cells, new { Portal = portalId }, cancellationToken: cancellationToken)))
            .ToDictionary(c => ((int)c.R, (int)c.F));
        var grid = new List<RfmCell>();
        for (var r = 5; r >= 1; r--)
        {
            for (var f = 1; f <= 5; f++)
            {
                var found = cells.TryGetValue((r, f), out var cell);
                grid.Add(new RfmCell(r, f, RfmSegments.Code(RfmSegments.Of(r, f)), found ? cell.Contacts : 0, found ? cell.Monetary : 0));
            }
        }

        var segments = (await connection.QueryAsync<RfmSegmentSummary>(new CommandDefinition(Segments, new { Portal = portalId }, cancellationToken: cancellationToken)))
            .ToDictionary(s => s.Segment, StringComparer.Ordinal);
        var summaries = RfmSegments.All.Select(code => segments.TryGetValue(code, out var s) ? s : new RfmSegmentSummary { Segment = code }).ToList();
        var cohortRows = await connection.QueryAsync<(long Cohort, long Offset, long Contacts)>(new CommandDefinition(Cohorts, new { Portal = portalId, Months = CohortMonths }, cancellationToken: cancellationToken));
        var cohorts = cohortRows.GroupBy(c => c.Cohort).OrderBy(g => g.Key).Select(g =>
        {
            var active = new long[CohortMonths];
            foreach (var row in g)
            {
                active[row.Offset] = row.Contacts;
            }

            return new RfmCohort($"{g.Key / 12:D4}-{g.Key % 12 + 1:D2}", active[0], active);
        }).ToList();
        return new RfmOverview(run is null ? null : UtcText.Parse(run.ComputedAt), run?.Currency, run?.Contacts ?? 0, grid, summaries, cohorts);
    }

    public async Task<IReadOnlyList<RfmMember>> MembersAsync(long portalId, string segment, int offset, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<RfmMember>(new CommandDefinition(Members, new { Portal = portalId, Segment = segment, Offset = offset, Limit = limit }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>The contacts now in <paramref name="segment"/> (the scenario trigger's members).</summary>
    public async Task<IReadOnlyCollection<long>> ContactIdsAsync(long portalId, string segment, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT contact_id FROM rfm_scores WHERE portal_id = @Portal AND segment = @Segment", new { Portal = portalId, Segment = segment }, cancellationToken: cancellationToken))).ToList();
    }
}
