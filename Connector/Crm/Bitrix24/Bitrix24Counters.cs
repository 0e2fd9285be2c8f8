namespace Connector.Crm.Bitrix24;

/// <summary>Per-portal counters, a snapshot. Requests counts every HTTP request sent, retries included.</summary>
public sealed record Bitrix24Counters(long Requests, long RateLimited503, long Retries, long OperatingLimit429, TimeSpan LimiterWait);
