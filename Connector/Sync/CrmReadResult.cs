namespace Connector.Sync;

/// <summary>
/// How a read went. <see cref="Failure"/> is set when a stream could not be completed; streams listed in
/// <see cref="Completed"/> were read to their end (only those may drive deletions).
/// <see cref="MinimumRequests"/> is the fewest HTTP requests the calls made could have been packed into.
/// </summary>
public sealed record CrmReadResult
{
    public required long Requests { get; init; }

    public required long MinimumRequests { get; init; }

    public required long Calls { get; init; }

    public required long RateLimited { get; init; }

    public required IReadOnlySet<CrmRecordKind> Completed { get; init; }

    public string? Failure { get; init; }
}
