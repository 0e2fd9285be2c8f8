namespace Connector.Segments;

/// <summary>A prepared segment: the resolved tree and its SQL, or the error (never both).</summary>
public sealed record SegmentPrepared(SegmentExpression? Expression, SegmentSql? Sql, SegmentError? Error);
