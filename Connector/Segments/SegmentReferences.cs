namespace Connector.Segments;

/// <summary>The saved segments an expression names (<c>segment "x"</c>), directly (pure).</summary>
public static class SegmentReferences
{
    public static IReadOnlySet<string> Names(SegmentExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<SegmentExpression>([expression]);
        while (pending.TryPop(out var next))
        {
            switch (next)
            {
                case SegmentExpression.Both x:
                    pending.Push(x.Left);
                    pending.Push(x.Right);
                    break;
                case SegmentExpression.Either x:
                    pending.Push(x.Left);
                    pending.Push(x.Right);
                    break;
                case SegmentExpression.Negated x:
                    pending.Push(x.Inner);
                    break;
                case SegmentExpression.AnyDeal x:
                    pending.Push(x.Inner);
                    break;
                case SegmentExpression.Saved x:
                    names.Add(x.Name);
                    break;
            }
        }

        return names;
    }
}
