namespace Connector.Segments;

/// <summary>
/// A compiled segment: a condition over contacts <c>c</c> of one portal (bound as <c>@Portal</c> when run) and the
/// values it binds. The SQL text holds only whitelisted fragments and parameter names, never an input value.
/// </summary>
public sealed record SegmentSql(string Where, IReadOnlyDictionary<string, object> Parameters);
