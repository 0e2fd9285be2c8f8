using Connector.Store;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Connector.Rfm;

/// <summary>
/// Recomputes a portal's RFM scores from the mirror in SQL and replaces them in one transaction, recording each
/// contact whose segment changed (<c>rfm_moves</c>): the only writer of the rfm tables. A won deal is a deal in a stage
/// of semantics S, won at its move into that stage (else its modified, else created time); its amount counts towards
/// monetary value when it is in the portal's most used currency among won deals. Scores are 1..5 by the midpoint of
/// each contact's percent rank and cumulative share inside the portal, so equal figures share a score and one lone
/// contact sits in the middle (3).
/// </summary>
public sealed class RfmRefresher(SqliteConnectionFactory connections, TimeProvider time)
{
    private const string Currency = $"""
        WITH {RfmSql.Won}
        SELECT currency FROM won GROUP BY currency ORDER BY COUNT(DISTINCT deal_id) DESC, currency LIMIT 1
        """;

    private const string Scores = $"""
        WITH {RfmSql.Won},
        per AS (
          SELECT contact_id, MIN(won_at) AS first_won, MAX(won_at) AS last_won, COUNT(DISTINCT deal_id) AS frequency,
                 CAST(TOTAL(CASE WHEN currency = @Currency THEN amount ELSE 0 END) AS REAL) AS monetary
          FROM won GROUP BY contact_id
        ),
        ranked AS (
          SELECT *,
                 (percent_rank() OVER (ORDER BY last_won) + cume_dist() OVER (ORDER BY last_won)) / 2 AS pr,
                 (percent_rank() OVER (ORDER BY frequency) + cume_dist() OVER (ORDER BY frequency)) / 2 AS pf,
                 (percent_rank() OVER (ORDER BY monetary) + cume_dist() OVER (ORDER BY monetary)) / 2 AS pm
          FROM per
        )
        SELECT contact_id AS ContactId, first_won AS FirstWonAt, last_won AS LastWonAt, frequency AS Frequency, monetary AS Monetary,
               MIN(5, 1 + CAST(pr * 5 + 1e-9 AS INTEGER)) AS R, MIN(5, 1 + CAST(pf * 5 + 1e-9 AS INTEGER)) AS F, MIN(5, 1 + CAST(pm * 5 + 1e-9 AS INTEGER)) AS M
        FROM ranked ORDER BY contact_id
        """;

    private const string Insert = """
        INSERT INTO rfm_scores (portal_id, contact_id, first_won_at, last_won_at, recency_days, frequency, monetary, r, f, m, segment, since)
        VALUES (@Portal, @ContactId, @FirstWonAt, @LastWonAt, @RecencyDays, @Frequency, @Monetary, @R, @F, @M, @Segment, @Since)
        """;

    private const string Move = """
        INSERT INTO rfm_moves (portal_id, contact_id, from_segment, to_segment, moved_at) VALUES (@Portal, @ContactId, @From, @To, @Now)
        """;

    private const string Run = """
        INSERT INTO rfm_runs (portal_id, computed_at, contacts, currency, moves) VALUES (@Portal, @Now, @Contacts, @Currency, @Moves)
        ON CONFLICT (portal_id) DO UPDATE SET computed_at = excluded.computed_at, contacts = excluded.contacts, currency = excluded.currency, moves = excluded.moves
        """;

    /// <summary>Every mirrored portal, one after another; a portal that fails does not stop the others (its error is returned).</summary>
    public async Task<IReadOnlyList<(long PortalId, RfmRefreshResult? Result, string? Error)>> RefreshAllAsync(CancellationToken cancellationToken)
    {
        List<long> portals;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            portals = (await connection.QueryAsync<long>(new CommandDefinition("SELECT id FROM portals ORDER BY id", cancellationToken: cancellationToken))).ToList();
        }

        var results = new List<(long, RfmRefreshResult?, string?)>();
        foreach (var portal in portals)
        {
            try
            {
                results.Add((portal, await RefreshAsync(portal, cancellationToken), null));
            }
            catch (SqliteException ex)
            {
                results.Add((portal, null, ex.Message));
            }
        }

        return results;
    }

    public async Task<RfmRefreshResult> RefreshAsync(long portalId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var nowText = UtcText.From(now);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var currency = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(Currency, new { Portal = portalId }, transaction, cancellationToken: cancellationToken));
        var rows = (await connection.QueryAsync<RfmScoreRow>(new CommandDefinition(Scores, new { Portal = portalId, Currency = currency ?? "" }, transaction, cancellationToken: cancellationToken))).ToList();
        var before = (await connection.QueryAsync<(long ContactId, string Segment, string Since)>(new CommandDefinition(
            "SELECT contact_id, segment, since FROM rfm_scores WHERE portal_id = @Portal", new { Portal = portalId }, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.ContactId);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM rfm_scores WHERE portal_id = @Portal", new { Portal = portalId }, transaction, cancellationToken: cancellationToken));
        var moves = 0;
        foreach (var row in rows)
        {
            var segment = RfmSegments.Code(RfmSegments.Of((int)row.R, (int)row.F));
            var kept = before.Remove(row.ContactId, out var old) && old.Segment == segment;
            await connection.ExecuteAsync(new CommandDefinition(Insert, new
            {
                Portal = portalId, row.ContactId, row.FirstWonAt, row.LastWonAt, RecencyDays = RecencyDays(row.LastWonAt, now), row.Frequency,
                row.Monetary, row.R, row.F, row.M, Segment = segment, Since = kept ? old.Since : nowText,
            }, transaction, cancellationToken: cancellationToken));
            if (!kept)
            {
                moves++;
                await connection.ExecuteAsync(new CommandDefinition(Move, new { Portal = portalId, row.ContactId, From = old.Segment, To = segment, Now = nowText }, transaction, cancellationToken: cancellationToken));
            }
        }

        foreach (var gone in before.Values)
        {
            moves++;
            await connection.ExecuteAsync(new CommandDefinition(Move, new { Portal = portalId, gone.ContactId, From = gone.Segment, To = (string?)null, Now = nowText }, transaction, cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(Run, new { Portal = portalId, Now = nowText, Contacts = rows.Count, Currency = currency is "" ? null : currency, Moves = moves }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new RfmRefreshResult(portalId, rows.Count, moves, currency is "" ? null : currency, now);
    }

    private static long RecencyDays(string lastWonAt, DateTimeOffset now) =>
        Math.Max(0, (long)Math.Floor((now - UtcText.Parse(lastWonAt)).TotalDays));
}
