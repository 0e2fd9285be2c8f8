namespace Connector.Sandbox.Listing;

/// <summary>One parsed filter entry such as <c>&gt;ID: 5</c>, with its values already parsed to the field's type.</summary>
public sealed record SandboxCondition<T>(SandboxField<T> Field, SandboxFilterOp Op, IReadOnlyList<IComparable> Values)
{
    public bool Matches(T row)
    {
        if (Field.GetMany is { } many)
        {
            var any = many(row).Any(Test);
            return Op is SandboxFilterOp.NotEqual or SandboxFilterOp.NotIn or SandboxFilterOp.NotLike
                ? many(row).All(Test)
                : any;
        }

        return Test(Field.Get(row));
    }

    private bool Test(IComparable? value)
    {
        if (Values.Count == 0)
        {
            return false;
        }

        return Op switch
        {
            SandboxFilterOp.Equal or SandboxFilterOp.In => value is not null && Values.Any(v => Compare(value, v) == 0),
            SandboxFilterOp.NotEqual or SandboxFilterOp.NotIn => value is null || Values.All(v => Compare(value, v) != 0),
            SandboxFilterOp.Greater => value is not null && Compare(value, Values[0]) > 0,
            SandboxFilterOp.GreaterOrEqual => value is not null && Compare(value, Values[0]) >= 0,
            SandboxFilterOp.Less => value is not null && Compare(value, Values[0]) < 0,
            SandboxFilterOp.LessOrEqual => value is not null && Compare(value, Values[0]) <= 0,
            SandboxFilterOp.Like => value is string s && Values.Any(v => s.Contains((string)v, StringComparison.Ordinal)),
            SandboxFilterOp.NotLike => value is not string s || Values.All(v => !s.Contains((string)v, StringComparison.Ordinal)),
            _ => false,
        };
    }

    private static int Compare(IComparable left, IComparable right) =>
        left is string a && right is string b ? string.CompareOrdinal(a, b) : left.CompareTo(right);
}
