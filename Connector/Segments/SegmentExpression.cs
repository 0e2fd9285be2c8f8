namespace Connector.Segments;

/// <summary>
/// The syntax tree of a segment: what the parser builds, saved references resolve, the compiler turns into SQL and the
/// tests' reference evaluator reads. Every node keeps the column it starts at.
/// </summary>
public abstract record SegmentExpression(int Column)
{
    public sealed record Both(SegmentExpression Left, SegmentExpression Right) : SegmentExpression(Left.Column);

    public sealed record Either(SegmentExpression Left, SegmentExpression Right) : SegmentExpression(Left.Column);

    public sealed record Negated(SegmentExpression Inner, int At) : SegmentExpression(At);

    /// <summary>A field compared with values (none for is empty / is not empty, several for in).</summary>
    public sealed record Compare(SegmentField Field, SegmentOperator Operator, IReadOnlyList<SegmentLiteral> Values, int At) : SegmentExpression(At);

    /// <summary>The contact has a (not deleted) deal for which <paramref name="Inner"/> holds; a bare deal.* comparison is one of these.</summary>
    public sealed record AnyDeal(SegmentExpression Inner, int At) : SegmentExpression(At);

    /// <summary>
    /// opened/clicked (human hits; since <paramref name="Since"/> when given), hard bounced, unsubscribed (from the list
    /// <paramref name="List"/>), suppressed, in scenario (<paramref name="List"/> is the scenario's name: enrolled and active).
    /// </summary>
    public sealed record Engagement(SegmentEngagement Kind, SegmentLiteral? Since, string? List, int At) : SegmentExpression(At);

    /// <summary><c>segment "name"</c>: a saved segment, replaced by its expression before compiling.</summary>
    public sealed record Saved(string Name, int At) : SegmentExpression(At);
}
