namespace Connector.Sending.Ledger;

/// <summary>
/// What one pass over the ready rows did, and what it left: <see cref="Unknown"/> rows whose connection failed after the
/// end of DATA (not resent); <see cref="Remaining"/> rows of the send still queued, deferred or held by other runners,
/// <see cref="Held"/> of them by live runners until <see cref="HeldUntil"/>; <see cref="NextDue"/> when the next free row is due.
/// </summary>
public sealed record SendRunSummary(int Sent, int Deferred, int Failed, int Suppressed, int Expired, int Abandoned)
{
    /// <summary>Exit status of a command that ran this pass while work remains (sysexits EX_TEMPFAIL: run it again later).</summary>
    public const int WorkRemainsExitCode = 75;

    public int Unknown { get; init; }

    public int Remaining { get; init; }

    public int Held { get; init; }

    public DateTimeOffset? HeldUntil { get; init; }

    public DateTimeOffset? NextDue { get; init; }

    /// <summary>0 when everything is settled; 1 when a row failed or its outcome is unknown; 75 while work remains.</summary>
    public int ExitCode => Failed > 0 || Unknown > 0 ? 1 : Remaining > 0 ? WorkRemainsExitCode : 0;
}
