namespace Connector.Feed;

/// <summary>
/// A consumer's turn for one page of facts (possibly none): whatever it must look up first (outside the write
/// transaction), then the <see cref="ResultsWrite"/> that stores what the facts become.
/// </summary>
public delegate Task<ResultsWrite> ResultsHandler(IReadOnlyList<ResultFact> facts, CancellationToken cancellationToken);
