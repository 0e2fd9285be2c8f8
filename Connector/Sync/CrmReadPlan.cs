namespace Connector.Sync;

/// <summary>
/// What one pass wants from the CRM. The source decides how to fetch it as cheaply as it can
/// (for Bitrix24: chained list calls packed into batches).
/// </summary>
public sealed record CrmReadPlan
{
    /// <summary>Read pipelines and stages; <see cref="KnownPipelineIds"/> lets the source ask for their stages at once.</summary>
    public bool Pipelines { get; init; }

    public IReadOnlyList<long> KnownPipelineIds { get; init; } = [];

    public CrmStreamRequest? Contacts { get; init; }

    public CrmStreamRequest? Deals { get; init; }

    /// <summary>Read stage history rows with an ID above this one.</summary>
    public long? HistoryAfterId { get; init; }

    /// <summary>Only find the newest stage-history ID (first sync: history before it is not replayed).</summary>
    public bool HistoryLatestIdOnly { get; init; }

    /// <summary>Read exactly these contacts again (event-driven); the ones not returned are gone.</summary>
    public IReadOnlyList<long> ContactIds { get; init; } = [];

    /// <summary>Read exactly these deals again (event-driven); the ones not returned are gone.</summary>
    public IReadOnlyList<long> DealIds { get; init; } = [];

    /// <summary>Ask the CRM for row counts so the reads can be packed exactly (full passes).</summary>
    public bool CountRows { get; init; }

    /// <summary>Ask the CRM for its plan (rate limits).</summary>
    public bool PlanInfo { get; init; }
}
