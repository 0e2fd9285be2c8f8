namespace Connector.Tracking.Hits;

/// <summary>What became of a hit once the recorder answered.</summary>
public enum HitOutcome
{
    /// <summary>Committed (the row is in <c>engagement_hits</c>).</summary>
    Recorded,

    /// <summary>An unsubscribe of a message that was already unsubscribed: nothing new written (a replay).</summary>
    AlreadyRecorded,

    /// <summary>The token is signed but names no ledger row (or another contact): nothing written.</summary>
    UnknownMessage,

    /// <summary>Not committed within the wait (a locked or slow store); still queued, written when the store frees.</summary>
    Pending,

    /// <summary>The queue was full or the recorder is stopping: not recorded.</summary>
    Dropped,
}
