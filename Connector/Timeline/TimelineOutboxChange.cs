namespace Connector.Timeline;

/// <summary>
/// What to record for one entry: written (with the CRM id), failed (with the reason), or pending again at
/// <see cref="NextAttemptAt"/> (optionally marked uncertain); with none of these, only the uncertain mark is cleared.
/// </summary>
public sealed record TimelineOutboxChange(long Id, string? State, string? CrmId = null, string? Reason = null, DateTimeOffset? NextAttemptAt = null, bool Uncertain = false);
