using Connector.Store;
using Dapper;

namespace Connector.Campaigns.Experiments;

/// <summary>
/// Send-time optimisation's input: for each contact, the UTC hour of day (0–23) at which they most often opened or
/// clicked (human hits only) over the last <see cref="Window"/>; ties go to the hour of the most recent hit. Contacts with
/// no such history are absent from the answer, so the caller sends them at the campaign's time. Hours are kept in UTC so
/// a caller can place the next send at that hour without knowing the contact's zone.
/// </summary>
public sealed class SendTimeHours(SqliteConnectionFactory connections, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(180);

    // SQLite's default limit on host parameters is far above this; one chunk is one indexed probe per contact.
    private const int Chunk = 500;

    // Through ix_engagement_hits_contact; the portal comes from the message's send key (hits carry the CRM contact id).
    private const string Sql = """
        SELECT h.contact_id AS ContactId, CAST(substr(h.at, 12, 2) AS INTEGER) AS Hour, COUNT(*) AS Hits, MAX(h.at) AS LastAt
        FROM engagement_hits h
        CROSS JOIN send_ledger l ON l.id = h.ledger_id
        CROSS JOIN send_keys k ON k.send_key = l.send_key
        WHERE h.contact_id IN @Ids AND h.machine = 0 AND h.kind IN ('open', 'click') AND h.at >= @Since AND k.portal_id = @PortalId
        GROUP BY h.contact_id, Hour
        """;

    public async Task<IReadOnlyDictionary<long, int>> PreferredUtcHoursAsync(
        long portalId, IReadOnlyCollection<long> contactIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contactIds);
        var since = UtcText.From(time.GetUtcNow() - Window);
        var best = new Dictionary<long, HourRow>();
        await using var connection = await connections.OpenAsync(cancellationToken);
        foreach (var chunk in contactIds.Distinct().Chunk(Chunk))
        {
            var rows = await connection.QueryAsync<HourRow>(new CommandDefinition(
                Sql, new { Ids = chunk, Since = since, PortalId = portalId }, cancellationToken: cancellationToken));
            foreach (var row in rows)
            {
                if (!best.TryGetValue(row.ContactId, out var current) || Better(row, current))
                {
                    best[row.ContactId] = row;
                }
            }
        }

        return best.ToDictionary(p => p.Key, p => (int)p.Value.Hour);
    }

    private static bool Better(HourRow row, HourRow current) =>
        row.Hits > current.Hits || (row.Hits == current.Hits && string.CompareOrdinal(row.LastAt, current.LastAt) > 0);

    private sealed record HourRow(long ContactId, long Hour, long Hits, string LastAt);
}
