using System.Text.Json.Serialization;
using Connector.Sync;

namespace Connector.Cli;

/// <summary>The machine-readable summary of <c>sync --json</c>.</summary>
public sealed record SyncSummaryJson
{
    [JsonPropertyName("kind")] public required string Kind { get; init; }
    [JsonPropertyName("succeeded")] public bool Succeeded { get; init; }
    [JsonPropertyName("contacts")] public long Contacts { get; init; }
    [JsonPropertyName("deals")] public long Deals { get; init; }
    [JsonPropertyName("pipelines")] public long Pipelines { get; init; }
    [JsonPropertyName("stages")] public long Stages { get; init; }
    [JsonPropertyName("transitions")] public long Transitions { get; init; }
    [JsonPropertyName("deleted_contacts")] public long DeletedContacts { get; init; }
    [JsonPropertyName("deleted_deals")] public long DeletedDeals { get; init; }
    [JsonPropertyName("skipped")] public long Skipped { get; init; }
    [JsonPropertyName("requests")] public long Requests { get; init; }
    [JsonPropertyName("minimum_requests")] public long MinimumRequests { get; init; }
    [JsonPropertyName("request_ratio")] public double RequestRatio { get; init; }
    [JsonPropertyName("calls")] public long Calls { get; init; }
    [JsonPropertyName("rate_limited_503")] public long RateLimited { get; init; }
    [JsonPropertyName("seconds")] public double Seconds { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("skipped_reasons")] public IReadOnlyList<string> SkippedReasons { get; init; } = [];

    public static SyncSummaryJson From(SyncSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new()
        {
            Kind = s.Kind, Succeeded = s.Succeeded, Contacts = s.Contacts, Deals = s.Deals, Pipelines = s.Pipelines, Stages = s.Stages,
            Transitions = s.Transitions, DeletedContacts = s.DeletedContacts, DeletedDeals = s.DeletedDeals, Skipped = s.Skipped,
            Requests = s.Requests, MinimumRequests = s.MinimumRequests, RequestRatio = Math.Round(s.RequestRatio, 3), Calls = s.Calls,
            RateLimited = s.RateLimited, Seconds = Math.Round(s.Seconds, 3), Error = s.Error, SkippedReasons = s.SkippedReasons,
        };
    }
}
