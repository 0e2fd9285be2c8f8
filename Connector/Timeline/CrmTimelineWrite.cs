namespace Connector.Timeline;

/// <summary>One write: the entry it belongs to, what to do, on which records, and the text (not yet escaped for the CRM).</summary>
public sealed record CrmTimelineWrite(long EntryId, TimelineAction Action, TimelineKind Kind, long ContactId, long? DealId, string Title, string Text);
