namespace Connector.Timeline;

/// <summary>One run of the write-back: outbox entries produced, CRM opt-out changes applied, and the dispatch pass.</summary>
public sealed record TimelineRun(int Produced, int OptOutChanges, TimelinePassSummary Dispatch);
