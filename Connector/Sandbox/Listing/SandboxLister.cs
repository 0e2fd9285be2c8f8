namespace Connector.Sandbox.Listing;

/// <summary>
/// Pages a list kept sorted by ID. Page size is fixed at 50; <c>start=-1</c> skips the count, so the answer has
/// <c>total: 0</c> and no <c>next</c> (settings/performance/huge-data.md). Ordered by ID, a <c>&gt;ID</c> cursor is
/// found by binary search so paging 100,000 records stays cheap.
/// </summary>
public static class SandboxLister
{
    public const int PageSize = 50;

    public static SandboxPage<T> Page<T>(
        IReadOnlyList<T> byId,
        Func<T, long> idOf,
        string idField,
        IReadOnlyList<SandboxCondition<T>> conditions,
        IReadOnlyList<SandboxOrder<T>> order,
        long start)
    {
        var counting = start >= 0;
        var offset = (int)Math.Clamp(start, 0, int.MaxValue);
        var orderedById = order.Count == 0 || (order.Count == 1 && order[0].Field.Name == idField);
        var (rows, matched) = orderedById
            ? ScanById(byId, idOf, idField, conditions, order.Count == 1 && order[0].Descending, offset, counting)
            : SortAll(byId, idOf, conditions, order, offset);
        var next = counting && offset + PageSize < matched ? offset + PageSize : (int?)null;
        return new SandboxPage<T>(rows, counting ? matched : 0, next);
    }

    private static (List<T> Rows, int Matched) ScanById<T>(
        IReadOnlyList<T> byId, Func<T, long> idOf, string idField, IReadOnlyList<SandboxCondition<T>> conditions,
        bool descending, int offset, bool counting)
    {
        var rows = new List<T>(PageSize);
        var matched = 0;
        var step = descending ? -1 : 1;
        var i = descending ? UpperIndex(byId, idOf, MaxId(conditions, idField)) : LowerIndex(byId, idOf, MinId(conditions, idField));
        for (; i >= 0 && i < byId.Count; i += step)
        {
            var row = byId[i];
            if (!conditions.All(c => c.Matches(row)))
            {
                continue;
            }

            if (matched >= offset && rows.Count < PageSize)
            {
                rows.Add(row);
            }

            matched++;
            if (!counting && rows.Count == PageSize)
            {
                break;
            }
        }

        return (rows, matched);
    }

    private static (List<T> Rows, int Matched) SortAll<T>(
        IReadOnlyList<T> byId, Func<T, long> idOf, IReadOnlyList<SandboxCondition<T>> conditions,
        IReadOnlyList<SandboxOrder<T>> order, int offset)
    {
        var all = byId.Where(r => conditions.All(c => c.Matches(r))).ToList();
        all.Sort((a, b) =>
        {
            foreach (var o in order)
            {
                var cmp = CompareNullable(o.Field.Get(a), o.Field.Get(b));
                if (cmp != 0)
                {
                    return o.Descending ? -cmp : cmp;
                }
            }

            return idOf(a).CompareTo(idOf(b));
        });
        return ([.. all.Skip(offset).Take(PageSize)], all.Count);
    }

    private static int CompareNullable(IComparable? a, IComparable? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (string x, string y) => string.CompareOrdinal(x, y),
        _ => a.CompareTo(b),
    };

    private static long MinId<T>(IReadOnlyList<SandboxCondition<T>> conditions, string idField)
    {
        var min = long.MinValue;
        foreach (var c in conditions.Where(c => c.Field.Name == idField && c.Values.Count > 0 && c.Values[0] is long))
        {
            var v = (long)c.Values[0];
            min = c.Op switch
            {
                SandboxFilterOp.Greater => Math.Max(min, v + 1),
                SandboxFilterOp.GreaterOrEqual => Math.Max(min, v),
                _ => min,
            };
        }

        return min;
    }

    private static long MaxId<T>(IReadOnlyList<SandboxCondition<T>> conditions, string idField)
    {
        var max = long.MaxValue;
        foreach (var c in conditions.Where(c => c.Field.Name == idField && c.Values.Count > 0 && c.Values[0] is long))
        {
            var v = (long)c.Values[0];
            max = c.Op switch
            {
                SandboxFilterOp.Less => Math.Min(max, v - 1),
                SandboxFilterOp.LessOrEqual => Math.Min(max, v),
                _ => max,
            };
        }

        return max;
    }

    /// <summary>Index of the first row with id &gt;= minId.</summary>
    private static int LowerIndex<T>(IReadOnlyList<T> byId, Func<T, long> idOf, long minId)
    {
        int lo = 0, hi = byId.Count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (idOf(byId[mid]) < minId)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Index of the last row with id &lt;= maxId (-1 when none).</summary>
    private static int UpperIndex<T>(IReadOnlyList<T> byId, Func<T, long> idOf, long maxId) =>
        maxId == long.MaxValue ? byId.Count - 1 : LowerIndex(byId, idOf, maxId + 1) - 1;
}
