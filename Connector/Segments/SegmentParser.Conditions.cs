using System.Globalization;

namespace Connector.Segments;

public sealed partial class SegmentParser
{
    private const int MaxInValues = 1000;

    private SegmentExpression Comparison()
    {
        var name = Take();
        var field = SegmentFields.Find(name.Text)
            ?? throw new SegmentException(new SegmentError(name.Column, $"unknown field '{SegmentError.Capped(name.Text)}' (fields: {string.Join(", ", SegmentFields.All.Select(f => f.Name))}, contact.custom.CODE, deal.custom.CODE)"));
        if (_inDeal && field.Scope != SegmentScope.Deal)
        {
            throw new SegmentException(new SegmentError(name.Column, $"{field.Name} cannot stand inside any deal (...): only deal.* fields can"));
        }

        var (op, values) = OperatorAndValues(field);
        var compare = new SegmentExpression.Compare(field, op, values, name.Column);
        return field.Scope == SegmentScope.Deal && !_inDeal ? new SegmentExpression.AnyDeal(compare, name.Column) : compare;
    }

    private (SegmentOperator, IReadOnlyList<SegmentLiteral>) OperatorAndValues(SegmentField field)
    {
        var token = Current;
        if (token.Kind == SegmentTokenKind.Symbol && token.Text is "=" or "!=" or "<" or "<=" or ">" or ">=")
        {
            _position++;
            var op = token.Text switch
            {
                "=" => SegmentOperator.Equal,
                "!=" => SegmentOperator.NotEqual,
                "<" => SegmentOperator.Less,
                "<=" => SegmentOperator.LessOrEqual,
                ">" => SegmentOperator.Greater,
                _ => SegmentOperator.GreaterOrEqual,
            };
            Allow(field, op, token.Column);
            return (op, [Value(field, token.Text)]);
        }

        if (token.IsWord("contains"))
        {
            Allow(field, SegmentOperator.Contains, token.Column);
            _position++;
            return (SegmentOperator.Contains, [Value(field, "contains")]);
        }

        if (token.IsWord("starts"))
        {
            Allow(field, SegmentOperator.StartsWith, token.Column);
            _position++;
            ExpectWord("with", "'with' after 'starts'");
            return (SegmentOperator.StartsWith, [Value(field, "starts with")]);
        }

        if (token.IsWord("is"))
        {
            _position++;
            var negated = Current.IsWord("not");
            if (negated)
            {
                _position++;
            }

            ExpectWord("empty", negated ? "'empty' after 'is not'" : "'empty' or 'not empty' after 'is'");
            Allow(field, negated ? SegmentOperator.IsNotEmpty : SegmentOperator.IsEmpty, token.Column);
            return (negated ? SegmentOperator.IsNotEmpty : SegmentOperator.IsEmpty, []);
        }

        if (token.IsWord("in") || (token.IsWord("not") && _tokens[_position + 1].IsWord("in")))
        {
            var negated = token.IsWord("not");
            Allow(field, negated ? SegmentOperator.NotIn : SegmentOperator.In, token.Column);
            _position += negated ? 2 : 1;
            ExpectSymbol("(", "'(' opening the list of values");
            var values = new List<SegmentLiteral> { Value(field, "in") };
            while (Current.IsSymbol(","))
            {
                _position++;
                values.Add(Value(field, "in"));
                if (values.Count > MaxInValues)
                {
                    throw new SegmentException(new SegmentError(Current.Column, $"at most {MaxInValues} values in one list"));
                }
            }

            ExpectSymbol(")", "',' and another value, or ')' closing the list");
            return (negated ? SegmentOperator.NotIn : SegmentOperator.In, values);
        }

        throw Expected($"an operator after {field.Name} ({string.Join(", ", field.Operators.Select(Shown))})");
    }

    private static void Allow(SegmentField field, SegmentOperator op, int column)
    {
        if (!field.Operators.Contains(op))
        {
            throw new SegmentException(new SegmentError(column, $"{field.Name} is {Article(field.Type)}; its operators are {string.Join(", ", field.Operators.Select(Shown))}"));
        }
    }

    private SegmentLiteral Value(SegmentField field, string after)
    {
        var token = Current;
        var literal = Literal() ?? throw Expected($"{Article(field.Type)} after '{after}'{Example(field.Type)}");
        if (literal.Type != field.Type)
        {
            throw new SegmentException(new SegmentError(token.Column, $"{field.Name} is {Article(field.Type)}; expected {Article(field.Type)}{Example(field.Type)}, found {token.Shown}"));
        }

        if (field.Values is { } allowed && after is "=" or "!=" or "in" && literal.Text is { } text && !allowed.Contains(text, StringComparer.Ordinal))
        {
            throw new SegmentException(new SegmentError(token.Column, $"{field.Name} is one of {string.Join(", ", allowed.Select(v => $"\"{v}\""))}; found {token.Shown}"));
        }

        return literal;
    }

    /// <summary>A text, number or date literal (with <c>N days ago</c>, <c>today</c>, <c>now</c>), or null when none starts here.</summary>
    private SegmentLiteral? Literal()
    {
        var token = Current;
        switch (token.Kind)
        {
            case SegmentTokenKind.Text:
                _position++;
                return new SegmentLiteral { Type = SegmentFieldType.Text, Text = token.Text, Column = token.Column };
            case SegmentTokenKind.Date:
                _position++;
                return new SegmentLiteral
                {
                    Type = SegmentFieldType.Date,
                    Date = new DateTimeOffset(DateTime.ParseExact(token.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture), TimeSpan.Zero),
                    Column = token.Column,
                };
            case SegmentTokenKind.Number:
                _position++;
                if (Unit(Current) is { } unit)
                {
                    _position++;
                    ExpectWord("ago", $"'ago' after '{token.Text} {_tokens[_position - 1].Text}'");
                    return new SegmentLiteral { Type = SegmentFieldType.Date, Ago = Span(token, unit), Column = token.Column };
                }

                return new SegmentLiteral { Type = SegmentFieldType.Number, Number = decimal.Parse(token.Text, CultureInfo.InvariantCulture), Column = token.Column };
            case SegmentTokenKind.Word when token.IsWord("today") || token.IsWord("now"):
                _position++;
                return new SegmentLiteral { Type = SegmentFieldType.Date, StartOfDay = token.IsWord("today"), Ago = TimeSpan.Zero, Column = token.Column };
            default:
                return null;
        }
    }

    private SegmentExpression Engagement()
    {
        var start = Take();
        NotInDeal(start.Column, start.Text);
        switch (start.Text.ToLowerInvariant())
        {
            case "never":
                var what = Current;
                if (!what.IsWord("opened") && !what.IsWord("clicked"))
                {
                    throw Expected("'opened' or 'clicked' after 'never'");
                }

                _position++;
                return new SegmentExpression.Negated(Hits(what), start.Column);
            case "opened" or "clicked":
                return Hits(start);
            case "hard":
                ExpectWord("bounced", "'bounced' after 'hard'");
                return new SegmentExpression.Engagement(SegmentEngagement.HardBounced, null, null, start.Column);
            case "unsubscribed":
                string? list = null;
                if (Current.IsWord("from"))
                {
                    _position++;
                    list = Current.Kind == SegmentTokenKind.Text ? Take().Text : throw Expected("the list's name in quotes after 'from'");
                }

                return new SegmentExpression.Engagement(SegmentEngagement.Unsubscribed, null, list, start.Column);
            case "suppressed":
                return new SegmentExpression.Engagement(SegmentEngagement.Suppressed, null, null, start.Column);
            default:
                ExpectWord("scenario", "'scenario' after 'in' (or a field before 'in')");
                var scenario = Current.Kind == SegmentTokenKind.Text ? Take().Text : throw Expected("the scenario's name in quotes after 'in scenario'");
                return new SegmentExpression.Engagement(SegmentEngagement.InScenario, null, scenario, start.Column);
        }
    }

    private SegmentExpression.Engagement Hits(SegmentToken what)
    {
        var kind = what.IsWord("opened") ? SegmentEngagement.Opened : SegmentEngagement.Clicked;
        SegmentLiteral? since = null;
        if (Current.IsWord("in"))
        {
            _position++;
            ExpectWord("last", "'last' after 'in', as in opened in last 90 days");
            var count = Current;
            if (count.Kind != SegmentTokenKind.Number)
            {
                throw Expected("a number of days, weeks or hours after 'in last'");
            }

            _position++;
            var unit = Unit(Current) ?? throw Expected("days, weeks or hours");
            _position++;
            since = new SegmentLiteral { Type = SegmentFieldType.Date, Ago = Span(count, unit), Column = count.Column };
        }
        else if (Current.IsWord("since"))
        {
            _position++;
            var at = Current;
            since = Literal() is { Type: SegmentFieldType.Date } date ? date : throw new SegmentException(new SegmentError(at.Column, $"expected a date after 'since' (2025-01-31, 30 days ago, today), found {at.Shown}"));
        }

        return new SegmentExpression.Engagement(kind, since, null, what.Column);
    }

    private static TimeSpan Span(SegmentToken count, TimeSpan unit)
    {
        if (!int.TryParse(count.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 100_000)
        {
            throw new SegmentException(new SegmentError(count.Column, $"expected a whole number up to 100000, found '{count.Text}'"));
        }

        return unit * n;
    }

    private static TimeSpan? Unit(SegmentToken token) => token.Kind != SegmentTokenKind.Word ? null : token.Text.ToLowerInvariant() switch
    {
        "day" or "days" => TimeSpan.FromDays(1),
        "week" or "weeks" => TimeSpan.FromDays(7),
        "hour" or "hours" => TimeSpan.FromHours(1),
        _ => null,
    };

    private static string Article(SegmentFieldType type) => type switch
    {
        SegmentFieldType.Text => "text",
        SegmentFieldType.Number => "a number",
        _ => "a date",
    };

    private static string Example(SegmentFieldType type) => type switch
    {
        SegmentFieldType.Text => " (in quotes)",
        SegmentFieldType.Number => " (such as 1500 or 12.5)",
        _ => " (2025-01-31, 90 days ago, today)",
    };

    public static string Shown(SegmentOperator op) =>
        op is SegmentOperator.In or SegmentOperator.NotIn ? $"{SegmentText.Operator(op)} (...)" : SegmentText.Operator(op);
}
