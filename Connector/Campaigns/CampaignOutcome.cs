using Connector.Sending.Hygiene;
using Connector.Sending.Ledger;

namespace Connector.Campaigns;

/// <summary>
/// How a campaign send went: the import (skipped and flagged lines), how many rows were enqueued, and the runner's
/// summary; or, when nothing could start, <see cref="Problem"/> naming the key or file (and <see cref="IsConfigurationProblem"/>).
/// </summary>
public sealed record CampaignOutcome
{
    public string? SendKey { get; init; }

    public RecipientImportResult? Import { get; init; }

    public int Enqueued { get; init; }

    public SendRunSummary? Run { get; init; }

    public TimeSpan Elapsed { get; init; }

    public string? Problem { get; init; }

    /// <summary>The import left nothing to send: one line with the count per reason and a hint (nothing was enqueued).</summary>
    public string? NothingQueued { get; init; }

    public bool IsConfigurationProblem { get; init; }

    public static CampaignOutcome Failed(string problem, bool configuration = false) => new() { Problem = problem, IsConfigurationProblem = configuration };
}
