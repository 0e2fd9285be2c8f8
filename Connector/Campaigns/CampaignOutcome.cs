using Connector.Sending.Hygiene;
using Connector.Sending.Ledger;

namespace Connector.Campaigns;

/// <summary>
/// How a campaign send went: the import (skipped and flagged lines) or the mirror selection (skipped contacts per
/// reason), how many rows were enqueued, and the runner's
/// summary; or, when nothing could start, <see cref="Problem"/> naming the key or file (and <see cref="IsConfigurationProblem"/>).
/// </summary>
public sealed record CampaignOutcome
{
    public string? SendKey { get; init; }

    public RecipientImportResult? Import { get; init; }

    /// <summary>Set instead of <see cref="Import"/> when the recipients came from the mirror.</summary>
    public CampaignSelection? Selection { get; init; }

    /// <summary>The send key's <c>send_keys</c> row (the first run's).</summary>
    public SendKeyRow? Key { get; init; }

    public int Enqueued { get; init; }

    public SendRunSummary? Run { get; init; }

    public TimeSpan Elapsed { get; init; }

    /// <summary>The process's CPU during the send (every thread, the runtime's own included), per message handed to SMTP.</summary>
    public double? CpuMillisecondsPerMessage { get; init; }

    /// <summary><c>Sending:Profile=true</c>: CPU milliseconds per message by stage (render, compose, sign, smtp, ledger); else null.</summary>
    public IReadOnlyDictionary<string, double>? StagesPerMessage { get; init; }

    /// <summary><c>Sending:Profile=true</c>: the GC during the send (<see cref="Sending.Profiling.GcDuringSend.PerMessage"/>); else null.</summary>
    public IReadOnlyDictionary<string, double>? GcPerMessage { get; init; }

    public string? Problem { get; init; }

    /// <summary>The import left nothing to send: one line with the count per reason and a hint (nothing was enqueued).</summary>
    public string? NothingQueued { get; init; }

    public bool IsConfigurationProblem { get; init; }

    public static CampaignOutcome Failed(string problem, bool configuration = false) => new() { Problem = problem, IsConfigurationProblem = configuration };
}
