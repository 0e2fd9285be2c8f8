using System.Text.Json.Nodes;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.Listing;

/// <summary>
/// Parses a <c>filter</c> object with operator prefixes <c>&gt;= &gt; &lt;= &lt; @ !@ % !% = != !</c>
/// (api-reference/crm/contacts/crm-contact-list.md, crm-stage-history-list.md). Unknown fields are ignored as
/// Bitrix24 does, and so is an entry whose value is empty: that is why a batch reference that resolves to ""
/// (<c>filter[&gt;ID]=</c>) silently drops the cursor and the list restarts from the first record.
/// </summary>
public static class SandboxFilter
{
    // Longest prefixes first so ">=" wins over ">".
    private static readonly (string Prefix, SandboxFilterOp Op)[] Prefixes =
    [
        ("!=%", SandboxFilterOp.NotLike), ("!%=", SandboxFilterOp.NotLike), (">=", SandboxFilterOp.GreaterOrEqual),
        ("<=", SandboxFilterOp.LessOrEqual), ("!@", SandboxFilterOp.NotIn), ("!=", SandboxFilterOp.NotEqual),
        ("!%", SandboxFilterOp.NotLike), ("=%", SandboxFilterOp.Like), ("%=", SandboxFilterOp.Like),
        (">", SandboxFilterOp.Greater), ("<", SandboxFilterOp.Less), ("@", SandboxFilterOp.In),
        ("%", SandboxFilterOp.Like), ("=", SandboxFilterOp.Equal), ("!", SandboxFilterOp.NotEqual),
    ];

    public static IReadOnlyList<SandboxCondition<T>> Parse<T>(JsonNode? filter, IReadOnlyDictionary<string, SandboxField<T>> fields)
    {
        var conditions = new List<SandboxCondition<T>>();
        if (filter is not JsonObject obj)
        {
            return conditions;
        }

        foreach (var (key, value) in obj)
        {
            var (op, name) = SplitOperator(key);
            if (!fields.TryGetValue(name, out var field))
            {
                continue;
            }

            var like = op is SandboxFilterOp.Like or SandboxFilterOp.NotLike;
            var raw = SandboxParams.AsStrings(value).Select(v => like ? v.Trim('%') : v).Where(v => v.Length > 0).ToList();
            if (raw.Count == 0)
            {
                continue;
            }

            if (value is JsonArray or JsonObject && op == SandboxFilterOp.Equal)
            {
                op = SandboxFilterOp.In;
            }

            var parsed = raw.Select(field.Parse).OfType<IComparable>().ToList();
            conditions.Add(new SandboxCondition<T>(field, op, parsed));
        }

        return conditions;
    }

    private static (SandboxFilterOp Op, string Name) SplitOperator(string key)
    {
        foreach (var (prefix, op) in Prefixes)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return (op, key[prefix.Length..]);
            }
        }

        return (SandboxFilterOp.Equal, key);
    }
}
