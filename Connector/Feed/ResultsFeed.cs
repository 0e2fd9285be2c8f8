using System.Globalization;
using Connector.Store;
using Dapper;

namespace Connector.Feed;

/// <summary>
/// The one reader of results: send_ledger outcomes, engagement_hits and bounce_events (0008 and later), each read by id
/// after a cursor the caller keeps, as typed <see cref="ResultFact"/>s with the message's portal, contact, deal and
/// send key. It reads every hit, machine ones flagged (consumers that want people only skip <see cref="ResultFact.Machine"/>),
/// and writes nothing; <see cref="ResultsFollower"/> keeps cursors for consumers that follow the feed.
/// </summary>
public sealed partial class ResultsFeed(SqliteConnectionFactory connections)
{
    private static readonly HashSet<string> UnsettledStates = new(StringComparer.Ordinal) { "queued", "sending", "deferred" };

    /// <summary>Up to <paramref name="limit"/> rows of <paramref name="source"/> with an id above <paramref name="after"/>.</summary>
    public Task<ResultsPage> ReadAsync(ResultSource source, long after, int limit, CancellationToken cancellationToken) =>
        PageAsync(source, source switch
        {
            ResultSource.Ledger => LedgerAfter,
            ResultSource.Hits => HitsAfter,
            ResultSource.Bounces => BouncesAfter,
            _ => throw new ArgumentOutOfRangeException(nameof(source), source, "no such source"),
        }, new { After = after, Limit = limit }, cancellationToken);

    /// <summary>The ledger rows on <paramref name="consumer"/>'s watch list (rows it read before their outcome), by id.</summary>
    public Task<ResultsPage> WatchedAsync(string consumer, int limit, CancellationToken cancellationToken) =>
        PageAsync(ResultSource.Ledger, LedgerWatched, new { Consumer = consumer, Limit = limit }, cancellationToken);

    /// <summary>A row as a fact: null for a ledger row that is no result (queued, refused with 4xx, suppressed …).</summary>
    public static ResultFact? ToFact(ResultSource source, ResultsFeedRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var (kind, status) = source switch
        {
            ResultSource.Hits => (row.Kind switch
            {
                "open" => ResultKind.Opened,
                "click" => ResultKind.Clicked,
                "unsubscribe" => ResultKind.Unsubscribed,
                _ => (ResultKind?)null,
            }, null),
            ResultSource.Bounces => (row.Kind switch
            {
                "hard" => ResultKind.BouncedHard,
                "soft" => ResultKind.BouncedSoft,
                "policy" => ResultKind.BouncedPolicy,
                "complaint" => ResultKind.Complained,
                _ => (ResultKind?)null,
            }, row.Status),
            // A 5xx at send time is a hard bounce, as a DSN for that message would report it.
            _ => row.Kind switch
            {
                "sent" => (ResultKind.Sent, null),
                "failed" when row.ReplyCode is >= 500 and < 600 => (ResultKind.BouncedHard, row.ReplyCode.Value.ToString(CultureInfo.InvariantCulture)),
                _ => ((ResultKind?)null, (string?)null),
            },
        };
        return kind is null ? null : new ResultFact(source, row.Id, kind.Value, row.LedgerId, row.PortalId, row.ContactId, row.DealId,
            row.SendKey, row.Name, row.Recipient, row.Url, status, row.Machine == 1, UtcText.Parse(row.At));
    }

    private async Task<ResultsPage> PageAsync(ResultSource source, string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<ResultsFeedRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).ToList();
        var unsettled = source == ResultSource.Ledger
            ? rows.Where(r => UnsettledStates.Contains(r.Kind) && r.PortalId is not null).Select(r => r.Id).ToList()
            : [];
        return new ResultsPage([.. rows.Select(r => ToFact(source, r)).OfType<ResultFact>()], [.. rows.Select(r => r.Id)], unsettled);
    }
}
