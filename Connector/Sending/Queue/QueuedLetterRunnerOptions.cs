namespace Connector.Sending.Queue;

/// <summary>
/// <c>Sending:Runner:*</c>: serve's runner of queued letters (<see cref="QueuedLetterRunner"/>). <c>Enabled</c>
/// (default true) hosts it in serve; it sends once sending is configured (<c>Sender:*</c>, <c>Tracking:BaseUrl</c>,
/// DKIM keys, a relay). <c>PollIntervalSeconds</c> (1–3600, default 5) between passes when no letter was queued in
/// between (a queued letter wakes it at once); <c>Workers</c> (1–64, default 4) messages in flight.
/// </summary>
public sealed record QueuedLetterRunnerOptions
{
    public const string Section = "Sending:Runner";

    public bool Enabled { get; init; } = true;

    public int PollIntervalSeconds { get; init; } = 5;

    public int Workers { get; init; } = 4;
}
