namespace Connector.Timeline;

/// <summary>The outcome of one write.</summary>
public sealed record CrmTimelineOutcome(long EntryId, CrmTimelineOutcomeKind Kind, string? CrmId = null, string? Reason = null);
