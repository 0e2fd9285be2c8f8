namespace Connector.Feed;

/// <summary>
/// What one read of a source found: its <see cref="Facts"/> in id order; the ids of every row <see cref="Read"/>,
/// facts or not (a queued message, a 4xx refusal), so a cursor moves past them once; and <see cref="Unsettled"/>, the
/// ledger rows of a portal read before their outcome (queued, sending, deferred), which a follower reads again by id
/// until they settle (outcomes are written out of id order).
/// </summary>
public sealed record ResultsPage(IReadOnlyList<ResultFact> Facts, IReadOnlyList<long> Read, IReadOnlyList<long> Unsettled)
{
    /// <summary>The last row's id: where a cursor moves to (null when nothing was read).</summary>
    public long? Last => Read.Count == 0 ? null : Read[^1];
}
