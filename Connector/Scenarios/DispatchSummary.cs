namespace Connector.Scenarios;

/// <summary>One dispatcher pass: due steps claimed, sends enqueued or refused, enrollments completed, exited or now waiting, and failures (retried after the lease).</summary>
public sealed record DispatchSummary(int Claimed, int Enqueued, int Refused, int Completed, int Exited, int Waiting, int Failed);
