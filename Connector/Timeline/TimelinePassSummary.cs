namespace Connector.Timeline;

/// <summary>One dispatch pass: entries written, failed for good, left for a later attempt; CRM calls made; portals skipped.</summary>
public sealed record TimelinePassSummary(int Written, int Failed, int Retried, int Calls, int PortalsSkipped);
