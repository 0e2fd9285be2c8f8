using System.Runtime.CompilerServices;
using Connector.Api;
using Connector.Sending.Ledger;
using Connector.Store;
using Dapper;

namespace Connector.Web.Settings.Suppressions;

/// <summary>
/// The portal's part of the suppression list for the Settings page (<see cref="ApiSuppressionPage.Visible"/>: its mirror's
/// e-mails, its keys' and its admins' entries), searched by part of the address and by reason, in pages along
/// ix_suppressions_nocase; and all of it, in address order, for the export. Reads only: the ledger writes the list.
/// </summary>
public sealed class SuppressionList(SqliteConnectionFactory connections)
{
    public const int MaxLimit = 200;

    public const string Search = $"""
        SELECT s.address AS Address, s.reason AS Reason, s.source AS Source, s.created_at AS CreatedAt FROM suppressions s
        WHERE s.address > @After COLLATE NOCASE
          AND (@Pattern IS NULL OR s.address LIKE @Pattern ESCAPE '\')
          AND (@Reason IS NULL OR s.reason = @Reason)
          AND {ApiSuppressionPage.Visible}
        ORDER BY s.address COLLATE NOCASE LIMIT @Limit
        """;

    public const string All = $"""
        SELECT s.address AS Address, s.reason AS Reason, s.source AS Source, s.created_at AS CreatedAt FROM suppressions s
        WHERE {ApiSuppressionPage.Visible} ORDER BY s.address COLLATE NOCASE
        """;

    /// <summary>One page after <paramref name="after"/> (null: the first); <paramref name="query"/> is a part of the address, matched whatever the case.</summary>
    public async Task<IReadOnlyList<SuppressionRow>> SearchAsync(long portalId, string? query, string? reason, string? after, int limit, CancellationToken cancellationToken)
    {
        var pattern = query is { Length: > 0 } q ? "%" + q.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%" : null;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<SuppressionRow>(new CommandDefinition(
            Search, new { Portal = portalId, After = after ?? "", Pattern = pattern, Reason = reason, Limit = limit }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Every entry the portal sees, in address order, read as it is written out.</summary>
    public async IAsyncEnumerable<SuppressionRow> AllAsync(long portalId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await foreach (var row in connection.QueryUnbufferedAsync<SuppressionRow>(All, new { Portal = portalId }).WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }
}
