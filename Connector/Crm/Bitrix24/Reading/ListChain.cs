using System.Text.Json;
using Connector.Sync;

namespace Connector.Crm.Bitrix24.Reading;

/// <summary>
/// One chained list read (huge-data.md): order by ID, <c>&gt;ID</c> cursor, <c>start=-1</c>, pages of 50 chained inside a
/// batch through <c>$result[prev][49][ID]</c>. A reference past a short page resolves to nothing and the portal
/// silently restarts from the first record, so a chain ends at its first short page and later pages are ignored;
/// rows at or below the cursor are never taken twice.
/// </summary>
public sealed class ListChain(ListChainSpec spec, long startAfter = 0)
{
    public const int PageSize = 50;

    public ListChainSpec Spec { get; } = spec;

    public long Cursor { get; private set; } = startAfter;

    public long Read { get; private set; }

    public long? Total { get; private set; }

    public bool Done { get; private set; }

    public string? Failure { get; private set; }

    /// <summary>Pages that carried rows or proved the end: what an ideal reader needs too.</summary>
    public long UsefulPages { get; private set; }

    public bool Active => !Done && Failure is null;

    /// <summary>Pages to put in the next batch when the size is unknown; doubles while pages keep coming full.</summary>
    public int Speculative { get; private set; } = spec.CountFirst ? PageSize : 1;

    private bool CountPending => Spec.CountFirst && Total is null && Read == 0;

    public int WantedPages() => Total is { } total && total > Read
        ? (int)Math.Min(int.MaxValue, (total - Read + PageSize - 1) / PageSize)
        : Speculative;

    /// <summary>The commands for <paramref name="pages"/> chained pages, keys made unique by <paramref name="nextKey"/>.</summary>
    public IReadOnlyList<Bitrix24BatchCommand> Commands(int pages, Func<string> nextKey)
    {
        var commands = new List<Bitrix24BatchCommand>(pages);
        for (var i = 0; i < pages; i++)
        {
            var key = nextKey();
            var query = new BatchQuery();
            Spec.AddFixed(query);
            if (i == 0)
            {
                query.Add(Spec.CursorFilterKey, Cursor);
            }
            else
            {
                query.AddReference(Spec.CursorFilterKey, Spec.Reference(commands[i - 1].Key));
            }

            // Counting costs the portal a COUNT(*); only the very first page of a full read asks for it.
            query.Add("start", i == 0 && CountPending ? 0 : -1);
            commands.Add(new Bitrix24BatchCommand(key, Spec.Method, query.ToString()));
        }

        return commands;
    }

    /// <summary>Takes one page; returns the rows that are new, in order. Ignores pages after the chain ended.</summary>
    public IReadOnlyList<JsonElement> Accept(JsonElement result, int? total)
    {
        if (!Active)
        {
            return [];
        }

        if (total is { } t && CountPending)
        {
            Total = t;
        }

        var rows = Spec.Rows(result);
        var fresh = new List<JsonElement>(rows.Count);
        foreach (var row in rows)
        {
            var id = RowId(row);
            if (id is null || id <= Cursor)
            {
                // The chain restarted from the first record (reference past a short page): the read is over.
                Done = true;
                break;
            }

            fresh.Add(row);
            Cursor = id.Value;
        }

        UsefulPages++;
        Read += fresh.Count;
        if (rows.Count < PageSize || (Total is { } known && Read >= known && rows.Count == PageSize && Spec.CountFirst))
        {
            Done = true;
        }

        return fresh;
    }

    /// <summary>All pages of a batch came back full: ask for more next time when the size is unknown.</summary>
    public void Grow() => Speculative = Math.Min(Speculative * 2, PageSize);

    public void Fail(string failure) => Failure = failure;

    private long? RowId(JsonElement row)
    {
        try
        {
            return Bitrix24Json.ReadOptionalLong(row, Spec.IdField);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
