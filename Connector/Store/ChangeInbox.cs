using Connector.Sync;
using Dapper;

namespace Connector.Store;

/// <summary>The event_inbox table: the raw event (secrets stripped) and what it is about, on either store provider (the same SQL on both).</summary>
public sealed class ChangeInbox(IStoreConnections connections, TimeProvider timeProvider) : IChangeInbox
{
    private const string Insert = """
        INSERT INTO event_inbox (portal_id, event, kind, change, entity_id, payload, received_at) VALUES (@PortalId, @Event, @Kind, @Change, @EntityId, @Payload, @Now)
        """;

    private const string Pending = """
        SELECT i.id AS Id, i.portal_id AS PortalId, p.portal_key AS PortalKey, i.event AS Event, i.kind AS Kind, i.change AS Change, i.entity_id AS EntityId
        FROM event_inbox i JOIN portals p ON p.id = i.portal_id
        WHERE i.portal_id = @PortalId AND i.processed_at IS NULL ORDER BY i.id LIMIT @Limit
        """;

    public async Task AddAsync(long portalId, CrmChange change, string payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Insert, new
        {
            PortalId = portalId, Event = change.EventName, Kind = change.Kind.ToString(), Change = change.Type.ToString(), EntityId = change.Id, Payload = payload, Now = UtcText.From(timeProvider.GetUtcNow()),
        }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<long>> PortalsWithPendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT DISTINCT portal_id FROM event_inbox WHERE processed_at IS NULL", cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<PendingChange>> TakePendingAsync(long portalId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<PendingChange>(new CommandDefinition(
            Pending, new { PortalId = portalId, Limit = limit }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task MarkProcessedAsync(IReadOnlyList<long> ids, string? failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = UtcText.From(timeProvider.GetUtcNow());
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE event_inbox SET processed_at = @Now, error = @Error WHERE id = @Id",
            ids.Select(id => new { Id = id, Now = now, Error = failure }), transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }
}
