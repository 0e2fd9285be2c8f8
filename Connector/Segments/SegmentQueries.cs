using Connector.Store;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Connector.Segments;

/// <summary>
/// Runs a compiled segment over one portal's contacts (never deleted ones): count, the contact ids, export rows.
/// Read-only; streams, never loads the portal whole. The statements are public so a test can read their plans.
/// </summary>
public sealed class SegmentQueries(SqliteConnectionFactory connections)
{
    public const string From = "FROM contacts c WHERE c.portal_id = @Portal AND c.deleted = 0 AND ";

    public static string CountSql(SegmentSql segment) => $"SELECT COUNT(*) {From}{Where(segment)}";

    public static string IdsSql(SegmentSql segment) => $"SELECT c.crm_id {From}{Where(segment)} ORDER BY c.crm_id";

    public static string RowsSql(SegmentSql segment) => $"""
        SELECT c.crm_id AS Id, c.name AS Name, c.second_name AS SecondName, c.last_name AS LastName,
               (SELECT group_concat(address, char(31)) FROM (SELECT x.address FROM contact_emails x
                 WHERE x.portal_id = c.portal_id AND x.contact_id = c.crm_id ORDER BY x.position)) AS Emails,
               c.created_at AS CreatedAt, c.modified_at AS ModifiedAt
        {From}{Where(segment)} ORDER BY c.crm_id
        """;

    public async Task<long> CountAsync(long portalId, SegmentSql segment, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await CountAsync(connection, portalId, segment, cancellationToken);
    }

    public static Task<long> CountAsync(SqliteConnection connection, long portalId, SegmentSql segment, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(CountSql(segment), Arguments(portalId, segment), cancellationToken: cancellationToken));

    /// <summary>Whether one contact is in the segment now (for a scenario's "in segment" condition).</summary>
    public async Task<bool> ContainsAsync(long portalId, SegmentSql segment, long contactId, CancellationToken cancellationToken)
    {
        var arguments = Arguments(portalId, segment);
        arguments.Add("@SegmentContactId", contactId);
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) {From}c.crm_id = @SegmentContactId AND ({Where(segment)})", arguments, cancellationToken: cancellationToken)) > 0;
    }

    public IAsyncEnumerable<long> ContactIdsAsync(long portalId, SegmentSql segment, CancellationToken cancellationToken) =>
        StreamAsync<long>(IdsSql(segment), portalId, segment, cancellationToken);

    public IAsyncEnumerable<SegmentContactRow> ContactsAsync(long portalId, SegmentSql segment, CancellationToken cancellationToken) =>
        StreamAsync<SegmentContactRow>(RowsSql(segment), portalId, segment, cancellationToken);

    public static DynamicParameters Arguments(long portalId, SegmentSql segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var arguments = new DynamicParameters();
        arguments.Add("@Portal", portalId);
        foreach (var (name, value) in segment.Parameters)
        {
            arguments.Add(name, value);
        }

        return arguments;
    }

    private static string Where(SegmentSql segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return segment.Where;
    }

    private async IAsyncEnumerable<T> StreamAsync<T>(string sql, long portalId, SegmentSql segment, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await foreach (var row in connection.QueryUnbufferedAsync<T>(sql, Arguments(portalId, segment)).WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }
}
