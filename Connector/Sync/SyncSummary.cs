namespace Connector.Sync;

/// <summary>What one sync pass did. <see cref="RequestRatio"/> is requests ÷ the minimum the calls could be packed into.</summary>
public sealed record SyncSummary
{
    public required string Kind { get; init; }

    public required bool Succeeded { get; init; }

    public string? Portal { get; init; }

    public long Contacts { get; init; }

    public long Deals { get; init; }

    public long Pipelines { get; init; }

    public long Stages { get; init; }

    public long Transitions { get; init; }

    public long DeletedContacts { get; init; }

    public long DeletedDeals { get; init; }

    public long Skipped { get; init; }

    public long Requests { get; init; }

    public long MinimumRequests { get; init; }

    public long Calls { get; init; }

    public long RateLimited { get; init; }

    public double Seconds { get; init; }

    public string? Error { get; init; }

    public IReadOnlyList<string> SkippedReasons { get; init; } = [];

    public double RequestRatio => MinimumRequests == 0 ? 0 : (double)Requests / MinimumRequests;
}
