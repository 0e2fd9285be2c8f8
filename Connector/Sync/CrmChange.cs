namespace Connector.Sync;

/// <summary>One change the CRM told us about (an event carries only the record's ID).</summary>
public sealed record CrmChange(CrmRecordKind Kind, long Id, CrmChangeType Type, string EventName);
