namespace Connector.Segments;

/// <summary>
/// One whitelisted field: the name written in an expression, the SQL expression it stands for (column names only from
/// here, never from input), its type, and whether the SQL can be NULL. <see cref="CustomKey"/> is the custom field's
/// code for <see cref="SegmentFieldShape.Custom"/> (bound as a parameter, never spliced).
/// </summary>
public sealed record SegmentField(string Name, SegmentScope Scope, SegmentFieldType Type, SegmentFieldShape Shape, string Sql, bool Nullable, string Description)
{
    public string? CustomKey { get; init; }

    /// <summary>The only values a text field can hold (a literal outside them is an error naming them), or null.</summary>
    public IReadOnlyList<string>? Values { get; init; }

    public IReadOnlyList<SegmentOperator> Operators => Type switch
    {
        SegmentFieldType.Text =>
        [
            SegmentOperator.Equal, SegmentOperator.NotEqual, SegmentOperator.Less, SegmentOperator.LessOrEqual, SegmentOperator.Greater,
            SegmentOperator.GreaterOrEqual, SegmentOperator.Contains, SegmentOperator.StartsWith, SegmentOperator.In, SegmentOperator.NotIn,
            SegmentOperator.IsEmpty, SegmentOperator.IsNotEmpty,
        ],
        SegmentFieldType.Number =>
        [
            SegmentOperator.Equal, SegmentOperator.NotEqual, SegmentOperator.Less, SegmentOperator.LessOrEqual, SegmentOperator.Greater,
            SegmentOperator.GreaterOrEqual, SegmentOperator.In, SegmentOperator.NotIn, SegmentOperator.IsEmpty, SegmentOperator.IsNotEmpty,
        ],
        _ =>
        [
            SegmentOperator.Less, SegmentOperator.LessOrEqual, SegmentOperator.Greater, SegmentOperator.GreaterOrEqual,
            SegmentOperator.IsEmpty, SegmentOperator.IsNotEmpty,
        ],
    };
}
