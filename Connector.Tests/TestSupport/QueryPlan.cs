using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Connector.Tests.TestSupport;

/// <summary>
/// SQLite's plan for a statement (EXPLAIN QUERY PLAN, after ANALYZE), each @parameter bound to a value its name asks
/// for (<paramref name="value"/>), one line per plan step: what the query-plan tests read to prove a statement starts
/// from an index.
/// </summary>
internal static partial class QueryPlan
{
    public static async Task<IReadOnlyList<string>> ExplainAsync(SqliteConnection connection, string sql, Func<string, object> value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using (var analyze = connection.CreateCommand())
        {
            analyze.CommandText = "ANALYZE";
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in Parameter().Matches(sql).Select(m => m.Value).Distinct())
        {
            command.Parameters.Add(new SqliteParameter(name, value(name)));
        }

        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }

    [GeneratedRegex("@[A-Za-z]+")]
    private static partial Regex Parameter();
}
