namespace Connector.Segments;

/// <summary>An expression's tree, or why it was refused (never both).</summary>
public sealed record SegmentParseResult(SegmentExpression? Expression, SegmentError? Error);
