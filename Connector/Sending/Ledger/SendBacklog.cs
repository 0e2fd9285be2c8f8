namespace Connector.Sending.Ledger;

/// <summary>
/// What is left of a send after a run: <see cref="Remaining"/> rows still queued, deferred or in another runner's hands;
/// <see cref="Held"/> of them held by other live runners until <see cref="HeldUntil"/> (the latest of their leases);
/// <see cref="NextDue"/> when the next free row is due.
/// </summary>
public sealed record SendBacklog(int Remaining, int Held, DateTimeOffset? HeldUntil, DateTimeOffset? NextDue)
{
    public static SendBacklog None { get; } = new(0, 0, null, null);
}
