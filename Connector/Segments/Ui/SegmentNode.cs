namespace Connector.Segments.Ui;

/// <summary>
/// An expression as the page's builder draws it: a group (<see cref="Join"/> and/or over <see cref="Items"/>), a
/// condition row (field, operator, values as the inputs hold them), or a piece the builder keeps as text
/// (<see cref="Text"/>: engagement, not, any deal, a saved segment).
/// </summary>
public sealed record SegmentNode(string Kind)
{
    public const string Group = "group";
    public const string Condition = "condition";
    public const string Raw = "raw";

    public string? Join { get; init; }

    public IReadOnlyList<SegmentNode>? Items { get; init; }

    public string? Field { get; init; }

    public string? Operator { get; init; }

    public IReadOnlyList<string>? Values { get; init; }

    public string? Text { get; init; }

    /// <summary>The builder's tree of <paramref name="expression"/>: and-chains and or-chains flattened into groups.</summary>
    public static SegmentNode From(SegmentExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return expression switch
        {
            SegmentExpression.Both => new SegmentNode(Group) { Join = "and", Items = Ands(expression).Select(From).ToList() },
            SegmentExpression.Either => new SegmentNode(Group) { Join = "or", Items = Ors(expression).Select(From).ToList() },
            SegmentExpression.Compare c => Row(c),
            SegmentExpression.AnyDeal { Inner: SegmentExpression.Compare c } => Row(c),
            _ => new SegmentNode(Raw) { Text = SegmentText.Format(expression) },
        };
    }

    private static SegmentNode Row(SegmentExpression.Compare c) => new(Condition)
    {
        Field = c.Field.Name, Operator = SegmentText.Operator(c.Operator), Values = c.Values.Select(SegmentText.Plain).ToList(),
    };

    private static IEnumerable<SegmentExpression> Ands(SegmentExpression e) => e is SegmentExpression.Both b ? Ands(b.Left).Concat(Ands(b.Right)) : [e];

    private static IEnumerable<SegmentExpression> Ors(SegmentExpression e) => e is SegmentExpression.Either o ? Ors(o.Left).Concat(Ors(o.Right)) : [e];
}
