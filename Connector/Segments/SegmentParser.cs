namespace Connector.Segments;

/// <summary>
/// A hand-written recursive-descent parser for the grammar in README (Segments): one method per rule, precedence
/// not &gt; and &gt; or. Field names and operators are checked against <see cref="SegmentFields"/> while parsing, so every
/// error names the column and what was expected there. Never throws for bad input.
/// </summary>
public sealed partial class SegmentParser
{
    public const int MaxLength = 10_000;
    private const int MaxDepth = 64;

    private readonly List<SegmentToken> _tokens;
    private int _position;
    private int _depth;
    private bool _inDeal;

    private SegmentParser(List<SegmentToken> tokens) => _tokens = tokens;

    private SegmentToken Current => _tokens[_position];

    public static SegmentParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            return new SegmentParseResult(null, new SegmentError(MaxLength + 1, $"an expression is at most {MaxLength} characters"));
        }

        try
        {
            var parser = new SegmentParser(SegmentLexer.Tokens(text));
            if (parser.Current.Kind == SegmentTokenKind.End)
            {
                return new SegmentParseResult(null, new SegmentError(1, "expected a condition, found nothing"));
            }

            var expression = parser.OrExpression();
            if (parser.Current.Kind != SegmentTokenKind.End)
            {
                throw parser.Expected("'and', 'or' or the end");
            }

            return new SegmentParseResult(expression, null);
        }
        catch (SegmentException ex)
        {
            return new SegmentParseResult(null, ex.Error);
        }
    }

    private SegmentExpression OrExpression()
    {
        if (++_depth > MaxDepth)
        {
            throw new SegmentException(new SegmentError(Current.Column, $"nested more than {MaxDepth} deep"));
        }

        var left = AndExpression();
        while (Current.IsWord("or"))
        {
            _position++;
            left = new SegmentExpression.Either(left, AndExpression());
        }

        _depth--;
        return left;
    }

    private SegmentExpression AndExpression()
    {
        var left = Unary();
        while (Current.IsWord("and"))
        {
            _position++;
            left = new SegmentExpression.Both(left, Unary());
        }

        return left;
    }

    private SegmentExpression Unary()
    {
        if (Current.IsWord("not"))
        {
            var at = Take().Column;
            if (++_depth > MaxDepth)
            {
                throw new SegmentException(new SegmentError(at, $"nested more than {MaxDepth} deep"));
            }

            var inner = Unary();
            _depth--;
            return new SegmentExpression.Negated(inner, at);
        }

        return Primary();
    }

    private SegmentExpression Primary()
    {
        var token = Current;
        if (token.IsSymbol("("))
        {
            _position++;
            var inner = OrExpression();
            ExpectSymbol(")", "')' closing the '(' at column " + token.Column);
            return inner;
        }

        if (token.Kind != SegmentTokenKind.Word)
        {
            throw Expected("a condition (a field such as contact.name, opened, clicked, never, hard bounced, unsubscribed, suppressed, segment, any deal, not or '(')");
        }

        if (token.Text.Contains('.', StringComparison.Ordinal))
        {
            return Comparison();
        }

        return token.Text.ToLowerInvariant() switch
        {
            "segment" => SavedReference(),
            "any" => AnyDeal(),
            "opened" or "clicked" or "never" or "hard" or "unsubscribed" or "suppressed" or "in" => Engagement(),
            _ => throw Expected("a condition (a field such as contact.name, opened, clicked, never, hard bounced, unsubscribed, suppressed, segment, any deal, not or '(')"),
        };
    }

    private SegmentExpression.Saved SavedReference()
    {
        var at = Take().Column;
        NotInDeal(at, "segment");
        var name = Current;
        if (name.Kind != SegmentTokenKind.Text)
        {
            throw Expected("the saved segment's name in quotes, as in segment \"vip\"");
        }

        _position++;
        return new SegmentExpression.Saved(name.Text, at);
    }

    private SegmentExpression.AnyDeal AnyDeal()
    {
        var at = Take().Column;
        NotInDeal(at, "any deal");
        ExpectWord("deal", "'deal' after 'any'");
        var open = Current;
        ExpectSymbol("(", "'(' after 'any deal'");
        _inDeal = true;
        var inner = OrExpression();
        _inDeal = false;
        ExpectSymbol(")", "')' closing the '(' at column " + open.Column);
        return new SegmentExpression.AnyDeal(inner, at);
    }

    private SegmentToken Take() => _tokens[_position++];

    private void NotInDeal(int column, string what)
    {
        if (_inDeal)
        {
            throw new SegmentException(new SegmentError(column, $"{what} cannot stand inside any deal (...): only deal.* fields can"));
        }
    }

    private void ExpectWord(string word, string expected)
    {
        if (!Current.IsWord(word))
        {
            throw Expected(expected);
        }

        _position++;
    }

    private void ExpectSymbol(string symbol, string expected)
    {
        if (!Current.IsSymbol(symbol))
        {
            throw Expected(expected);
        }

        _position++;
    }

    private SegmentException Expected(string what) => new(new SegmentError(Current.Column, $"expected {what}, found {Current.Shown}"));
}
