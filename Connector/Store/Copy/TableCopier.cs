using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Connector.Store.Copy;

/// <summary>The per-table work of <see cref="StoreCopy"/> over one SQLite and one PostgreSQL connection.</summary>
internal sealed class TableCopier(SqliteConnection sqlite, NpgsqlConnection postgres, StoreCopyOptions options)
{
    /// <summary>The table's columns as the target has them (matched case-insensitively; a missing one is refused).</summary>
    public async Task<TablePlan> PlanAsync(string table, CancellationToken cancellationToken)
    {
        var targetTable = await postgres.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND lower(table_name) = lower(@Table)",
            new { Table = table }, cancellationToken: cancellationToken))
            ?? throw new InvalidOperationException("the PostgreSQL schema has no such table");
        var targetColumns = (await postgres.QueryAsync<(string Name, string Type)>(new CommandDefinition(
            "SELECT column_name, udt_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @Table",
            new { Table = targetTable }, cancellationToken: cancellationToken))).ToList();
        var sourceColumns = await sqlite.QueryAsync<string>(new CommandDefinition(
            "SELECT name FROM pragma_table_info(@Table) ORDER BY cid", new { Table = table }, cancellationToken: cancellationToken));
        var columns = sourceColumns.Select(name => targetColumns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)) is { Name: not null } match
            ? new TargetColumn(name, match.Name, match.Type)
            : throw new InvalidOperationException($"the PostgreSQL table has no column {name}")).ToList();
        _ = columns.Select(c => c.DbType).ToList(); // an unconvertible type is refused before anything is written
        return new TablePlan(table, targetTable, columns);
    }

    /// <summary>Skips a table already complete; else truncates what an interrupted run left and copies it in batches.</summary>
    public async Task<(TableDigest Source, TableCopyStatus Status)> CopyAsync(TablePlan plan, CancellationToken cancellationToken)
    {
        var source = await SourceDigestAsync(plan, cancellationToken);
        var target = await TargetDigestAsync(plan, cancellationToken);
        if (target == source)
        {
            return (source, TableCopyStatus.AlreadyComplete);
        }

        if (target.Rows > 0)
        {
            // CASCADE: only tables later in the order (children) can reference it, and they are copied after it.
            await postgres.ExecuteAsync(new CommandDefinition($"TRUNCATE TABLE {plan.QuotedTarget} CASCADE", cancellationToken: cancellationToken));
        }

        await using var command = sqlite.CreateCommand();
        command.CommandText = plan.SourceSelect;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var copied = 0L;
        var more = await reader.ReadAsync(cancellationToken);
        while (more)
        {
            var inBatch = 0;
            await using (var writer = await postgres.BeginBinaryImportAsync($"COPY {plan.QuotedTarget} ({plan.TargetColumnList}) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                while (more && inBatch < options.BatchRows)
                {
                    await writer.StartRowAsync(cancellationToken);
                    for (var i = 0; i < plan.Columns.Count; i++)
                    {
                        await WriteAsync(writer, plan.Columns[i], reader.GetValue(i), cancellationToken);
                    }

                    inBatch++;
                    more = await reader.ReadAsync(cancellationToken);
                }

                await writer.CompleteAsync(cancellationToken);
            }

            copied += inBatch;
            options.OnBatch?.Invoke(plan.Source, copied);
        }

        return (source, TableCopyStatus.Copied);
    }

    /// <summary>Every identity or serial column continues after the table's largest value.</summary>
    public async Task ResetSequencesAsync(TablePlan plan, CancellationToken cancellationToken)
    {
        foreach (var column in plan.Columns)
        {
            var sequence = await postgres.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT pg_get_serial_sequence(@Table, @Column)", new { Table = plan.QuotedTarget, Column = column.Name }, cancellationToken: cancellationToken));
            if (sequence is null)
            {
                continue;
            }

            var quoted = TablePlan.Quote(column.Name);
            await postgres.ExecuteAsync(new CommandDefinition(
                $"SELECT setval(@Sequence, COALESCE((SELECT max({quoted}) FROM {plan.QuotedTarget}), 0) + 1, false)",
                new { Sequence = sequence }, cancellationToken: cancellationToken));
        }
    }

    public async Task<TableDigest> SourceDigestAsync(TablePlan plan, CancellationToken cancellationToken)
    {
        await using var command = sqlite.CreateCommand();
        command.CommandText = plan.SourceSelect;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await DigestAsync(reader, (i, value) => plan.Columns[i].FromSqlite(value), plan.Columns.Count, cancellationToken);
    }

    public async Task<TableDigest> TargetDigestAsync(TablePlan plan, CancellationToken cancellationToken)
    {
        await using var command = postgres.CreateCommand();
        command.CommandText = $"SELECT {plan.TargetColumnList} FROM {plan.QuotedTarget}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await DigestAsync(reader, (_, value) => value, plan.Columns.Count, cancellationToken);
    }

    private static async Task<TableDigest> DigestAsync(DbDataReader reader, Func<int, object?, object?> typed, int columns, CancellationToken cancellationToken)
    {
        var checksum = new RowChecksum();
        var values = new object?[columns];
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var i = 0; i < columns; i++)
            {
                values[i] = typed(i, reader.IsDBNull(i) ? null : reader.GetValue(i));
            }

            checksum.Add(values);
        }

        return checksum.Digest;
    }

    private static Task WriteAsync(NpgsqlBinaryImporter writer, TargetColumn column, object? raw, CancellationToken cancellationToken) => column.FromSqlite(raw) switch
    {
        null => writer.WriteNullAsync(cancellationToken),
        long l => writer.WriteAsync(l, column.DbType, cancellationToken),
        int i => writer.WriteAsync(i, column.DbType, cancellationToken),
        short s => writer.WriteAsync(s, column.DbType, cancellationToken),
        double d => writer.WriteAsync(d, column.DbType, cancellationToken),
        float f => writer.WriteAsync(f, column.DbType, cancellationToken),
        decimal m => writer.WriteAsync(m, column.DbType, cancellationToken),
        bool b => writer.WriteAsync(b, column.DbType, cancellationToken),
        byte[] bytes => writer.WriteAsync(bytes, column.DbType, cancellationToken),
        string text => writer.WriteAsync(text, column.DbType, cancellationToken),
        var other => throw new InvalidCastException($"column {column.Name}: unexpected value {other.GetType().Name}"),
    };
}
