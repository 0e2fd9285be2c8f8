namespace Connector.Sync;

/// <summary>A record the source could not read; it is skipped, logged and counted, never fatal to the pass.</summary>
public sealed record CrmRejectedRecord(CrmRecordKind Kind, long? Id, string Reason);
