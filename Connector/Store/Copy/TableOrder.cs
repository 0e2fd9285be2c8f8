using System.Data.Common;
using Dapper;

namespace Connector.Store.Copy;

/// <summary>
/// The SQLite store's tables (without <c>schema_migrations</c> and SQLite's own) with every parent before its children,
/// from <c>pragma_foreign_key_list</c> (a table's reference to itself is ignored; ties keep name order).
/// </summary>
public static class TableOrder
{
    public static async Task<IReadOnlyList<string>> ParentsFirstAsync(DbConnection sqlite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sqlite);
        var tables = (await sqlite.QueryAsync<string>(new CommandDefinition(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'schema_migrations' ORDER BY name",
            cancellationToken: cancellationToken))).ToList();
        var edges = (await sqlite.QueryAsync<(string Child, string Parent)>(new CommandDefinition(
            "SELECT m.name, f.\"table\" FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table'",
            cancellationToken: cancellationToken))).ToList();
        return Sort(tables, edges);
    }

    /// <summary>Kahn's sort; a cycle is a schema this copy cannot order (refused naming the tables).</summary>
    public static IReadOnlyList<string> Sort(IReadOnlyList<string> tables, IReadOnlyList<(string Child, string Parent)> edges)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(edges);
        var known = tables.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var parents = tables.ToDictionary(t => t, t => edges
            .Where(e => string.Equals(e.Child, t, StringComparison.OrdinalIgnoreCase) && !string.Equals(e.Parent, t, StringComparison.OrdinalIgnoreCase) && known.Contains(e.Parent))
            .Select(e => e.Parent).ToHashSet(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (order.Count < tables.Count)
        {
            var next = tables.FirstOrDefault(t => !done.Contains(t) && parents[t].All(done.Contains))
                ?? throw new InvalidOperationException($"foreign keys form a cycle among {string.Join(", ", tables.Where(t => !done.Contains(t)))}");
            order.Add(next);
            done.Add(next);
        }

        return order;
    }
}
