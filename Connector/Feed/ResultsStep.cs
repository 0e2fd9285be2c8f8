namespace Connector.Feed;

/// <summary>
/// One step of a follower: <see cref="Consumer"/>'s cursor on <see cref="Source"/> moves from <see cref="Expected"/> to
/// <see cref="Position"/>; for the ledger, <see cref="Settled"/> rows leave its watch list and <see cref="Watch"/> rows join it.
/// </summary>
public sealed record ResultsStep(string Consumer, ResultSource Source, long Expected, long Position, IReadOnlyList<long> Settled, IReadOnlyList<long> Watch);
