namespace Connector.Sending.Queue;

/// <summary>
/// What <see cref="ISendQueue.EnqueueAsync"/> did: a ledger row (new, or the existing one for the same send key and
/// recipient), or why nothing was queued (<see cref="Refused"/>, one of <see cref="QueuedLetterRefusals"/>) with a sentence for people.
/// </summary>
public sealed record QueuedLetterResult
{
    public long? LedgerRowId { get; init; }

    public bool Created { get; init; }

    public string? Recipient { get; init; }

    public string? Refused { get; init; }

    public string? Detail { get; init; }

    /// <summary>The stored fingerprint of the row's request (<see cref="QueuedLetter.RequestHash"/>).</summary>
    public string? RequestHash { get; init; }

    public static QueuedLetterResult Refuse(string reason, string detail) => new() { Refused = reason, Detail = detail };
}
