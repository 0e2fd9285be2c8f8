using System.Globalization;

namespace Connector.Segments;

/// <summary>
/// A parsed expression written back as text in the language's own words (pure): what the page's builder shows for a
/// condition it cannot draw as a row, and the operators' spellings. Parsing the text again gives the same selection.
/// </summary>
public static class SegmentText
{
    public static string Operator(SegmentOperator op) => op switch
    {
        SegmentOperator.Equal => "=",
        SegmentOperator.NotEqual => "!=",
        SegmentOperator.Less => "<",
        SegmentOperator.LessOrEqual => "<=",
        SegmentOperator.Greater => ">",
        SegmentOperator.GreaterOrEqual => ">=",
        SegmentOperator.Contains => "contains",
        SegmentOperator.StartsWith => "starts with",
        SegmentOperator.In => "in",
        SegmentOperator.NotIn => "not in",
        SegmentOperator.IsEmpty => "is empty",
        _ => "is not empty",
    };

    public static string Format(SegmentExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return expression switch
        {
            SegmentExpression.Both x => $"{Operand(x.Left, inAnd: true)} and {Operand(x.Right, inAnd: true)}",
            SegmentExpression.Either x => $"{Operand(x.Left, inAnd: false)} or {Operand(x.Right, inAnd: false)}",
            SegmentExpression.Negated x => "not " + (x.Inner is SegmentExpression.Both or SegmentExpression.Either ? $"({Format(x.Inner)})" : Format(x.Inner)),
            SegmentExpression.Compare x => Compare(x),
            SegmentExpression.AnyDeal { Inner: SegmentExpression.Compare c } => Compare(c),
            SegmentExpression.AnyDeal x => $"any deal ({Format(x.Inner)})",
            SegmentExpression.Engagement x => Engagement(x),
            SegmentExpression.Saved x => "segment " + Quoted(x.Name),
            _ => throw new ArgumentOutOfRangeException(nameof(expression)),
        };
    }

    public static string Quoted(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A value as it is written: text quoted, a number invariant, a date as YYYY-MM-DD, today, now or N days/hours ago.</summary>
    public static string Literal(SegmentLiteral literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        return literal.Type switch
        {
            SegmentFieldType.Text => Quoted(literal.Text ?? ""),
            SegmentFieldType.Number => literal.Number!.Value.ToString(CultureInfo.InvariantCulture),
            _ => literal.Date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : literal.StartOfDay ? "today"
                : Ago(literal.Ago ?? TimeSpan.Zero),
        };
    }

    /// <summary>A value as a page's input holds it: text unquoted, otherwise as written.</summary>
    public static string Plain(SegmentLiteral literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        return literal.Type == SegmentFieldType.Text ? literal.Text ?? "" : Literal(literal);
    }

    private static string Ago(TimeSpan ago) =>
        ago == TimeSpan.Zero ? "now"
        : ago.Ticks % TimeSpan.TicksPerDay == 0 ? string.Create(CultureInfo.InvariantCulture, $"{(long)ago.TotalDays} days ago")
        : string.Create(CultureInfo.InvariantCulture, $"{ago.TotalHours:0.######} hours ago");

    private static string Operand(SegmentExpression operand, bool inAnd) =>
        (inAnd && operand is SegmentExpression.Either) ? $"({Format(operand)})" : Format(operand);

    private static string Compare(SegmentExpression.Compare x) => x.Operator switch
    {
        SegmentOperator.IsEmpty or SegmentOperator.IsNotEmpty => $"{x.Field.Name} {Operator(x.Operator)}",
        SegmentOperator.In or SegmentOperator.NotIn => $"{x.Field.Name} {Operator(x.Operator)} ({string.Join(", ", x.Values.Select(Literal))})",
        _ => $"{x.Field.Name} {Operator(x.Operator)} {Literal(x.Values[0])}",
    };

    private static string Engagement(SegmentExpression.Engagement x)
    {
        var since = x.Since is not { } s ? ""
            : s.Date is null && !s.StartOfDay && s.Ago is { } ago && ago > TimeSpan.Zero
                ? ago.Ticks % TimeSpan.TicksPerDay == 0
                    ? string.Create(CultureInfo.InvariantCulture, $" in last {(long)ago.TotalDays} days")
                    : string.Create(CultureInfo.InvariantCulture, $" in last {ago.TotalHours:0.######} hours")
                : " since " + Literal(s);
        return x.Kind switch
        {
            SegmentEngagement.Opened => "opened" + since,
            SegmentEngagement.Clicked => "clicked" + since,
            SegmentEngagement.HardBounced => "hard bounced",
            SegmentEngagement.Unsubscribed => x.List is { } list ? "unsubscribed from " + Quoted(list) : "unsubscribed",
            SegmentEngagement.Suppressed => "suppressed",
            _ => "in scenario " + Quoted(x.List ?? ""),
        };
    }
}
