namespace Connector.Sync;

public static class SyncSummaries
{
    /// <summary>One summary for several portals: counts added up, failures joined; none at all is a failure.</summary>
    public static SyncSummary Combine(IReadOnlyList<SyncSummary> summaries, SyncMode mode)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        if (summaries.Count == 1)
        {
            return summaries[0];
        }

        var errors = summaries.Where(s => s.Error is not null).Select(s => s.Error).ToList();
        return new SyncSummary
        {
            Kind = summaries.Count > 0 ? summaries[0].Kind : (mode == SyncMode.Full ? "full" : "incremental"),
            Succeeded = summaries.Count > 0 && summaries.All(s => s.Succeeded),
            Portal = summaries.Count == 0 ? null : string.Join(",", summaries.Select(s => s.Portal)),
            Contacts = summaries.Sum(s => s.Contacts),
            Deals = summaries.Sum(s => s.Deals),
            Pipelines = summaries.Sum(s => s.Pipelines),
            Stages = summaries.Sum(s => s.Stages),
            Transitions = summaries.Sum(s => s.Transitions),
            DeletedContacts = summaries.Sum(s => s.DeletedContacts),
            DeletedDeals = summaries.Sum(s => s.DeletedDeals),
            Skipped = summaries.Sum(s => s.Skipped),
            Requests = summaries.Sum(s => s.Requests),
            MinimumRequests = summaries.Sum(s => s.MinimumRequests),
            Calls = summaries.Sum(s => s.Calls),
            RateLimited = summaries.Sum(s => s.RateLimited),
            Seconds = summaries.Count == 0 ? 0 : summaries.Max(s => s.Seconds),
            SkippedReasons = summaries.SelectMany(s => s.SkippedReasons).Take(20).ToList(),
            Error = summaries.Count == 0 ? "no portal to sync: configure Bitrix24:WebhookUrl or install the app" : errors.Count == 0 ? null : string.Join("; ", errors),
        };
    }
}
