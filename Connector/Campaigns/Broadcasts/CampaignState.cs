namespace Connector.Campaigns.Broadcasts;

/// <summary>A campaign's state (scheduled → running → completed | paused | cancelled) and phase (the job's step), as stored.</summary>
public static class CampaignState
{
    public const string Scheduled = "scheduled";
    public const string Running = "running";
    public const string Paused = "paused";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";

    public const string PhasePending = "pending";
    public const string PhaseTest = "test";
    public const string PhaseWaves = "waves";
    public const string PhaseRest = "rest";
    public const string PhaseDone = "done";
}
