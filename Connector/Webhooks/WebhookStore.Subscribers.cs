using Connector.Store;
using Dapper;

namespace Connector.Webhooks;

/// <summary>Subscribers: added, edited and removed by the CLI and the app's Settings, listed with their state, read by the producer per portal.</summary>
public sealed partial class WebhookStore
{
    private const string SubscriberColumns = """
        SELECT s.id AS Id, s.portal_id AS PortalId, COALESCE(p.portal_key, '') AS PortalKey, s.url AS Url, s.events AS Events, s.secret AS Secret,
               s.state AS State, s.failing_since AS FailingSince, s.disabled_at AS DisabledAt, s.disabled_reason AS DisabledReason, s.created_at AS CreatedAt
        FROM webhook_subscribers s LEFT JOIN portals p ON p.id = s.portal_id
        """;

    public async Task<long> AddSubscriberAsync(long portalId, Uri url, IReadOnlyList<string> events, string secret, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var gate = connections.WriteGate.Enter(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO webhook_subscribers (portal_id, url, events, secret, state, created_at, updated_at)
            VALUES (@PortalId, @Url, @Events, @Secret, 'active', @Now, @Now) RETURNING id
            """, new { PortalId = portalId, Url = url.AbsoluteUri, Events = string.Join(',', events), Secret = secret, Now = UtcText.From(now) },
            cancellationToken: cancellationToken));
    }

    /// <summary>Changes a subscriber's URL and events (its secret, state and log stay); false when the portal has no subscriber with that id.</summary>
    public async Task<bool> UpdateSubscriberAsync(long portalId, long id, Uri url, IReadOnlyList<string> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var gate = connections.WriteGate.Enter(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE webhook_subscribers SET url = @Url, events = @Events, updated_at = @Now WHERE id = @Id AND portal_id = @PortalId
            """, new { PortalId = portalId, Id = id, Url = url.AbsoluteUri, Events = string.Join(',', events), Now = UtcText.From(now) },
            cancellationToken: cancellationToken)) == 1;
    }

    public async Task<IReadOnlyList<WebhookSubscriber>> SubscribersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<WebhookSubscriber>(new CommandDefinition(SubscriberColumns + " ORDER BY s.id", cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<WebhookSubscriber>> ActiveSubscribersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<WebhookSubscriber>(new CommandDefinition(
            SubscriberColumns + " WHERE s.state = 'active' ORDER BY s.id", cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Removes the subscriber and its deliveries and log; false when there is none with that id.</summary>
    public async Task<bool> RemoveSubscriberAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var gate = connections.WriteGate.Enter(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var removed = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM webhook_subscribers WHERE id = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM webhook_deliveries WHERE subscriber_id = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM webhook_attempts WHERE subscriber_id = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return removed == 1;
    }

    /// <summary>
    /// Makes a subscriber active again, healthy (no failing streak); with <paramref name="replayFailed"/>, its failed
    /// deliveries (those it missed while failing, or that failed when it was disabled) are due again now, each with its
    /// own webhook-id, so a receiver that keeps ids can drop what it already has. Null when there is no such subscriber;
    /// else the number of deliveries put back.
    /// </summary>
    public async Task<int?> EnableSubscriberAsync(long id, bool replayFailed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var gate = connections.WriteGate.Enter(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var nowText = UtcText.From(now);
        var found = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE webhook_subscribers SET state = 'active', failing_since = NULL, disabled_at = NULL, disabled_reason = NULL, updated_at = @Now WHERE id = @Id
            """, new { Id = id, Now = nowText }, transaction, cancellationToken: cancellationToken));
        var replayed = found == 1 && replayFailed
            ? await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE webhook_deliveries SET state = 'pending', next_attempt_at = @Now, updated_at = @Now WHERE subscriber_id = @Id AND state = 'failed'
                """, new { Id = id, Now = nowText }, transaction, cancellationToken: cancellationToken))
            : 0;
        await transaction.CommitAsync(cancellationToken);
        return found == 1 ? replayed : null;
    }

    public async Task<IReadOnlyList<WebhookAttemptRow>> AttemptsAsync(long? subscriberId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<WebhookAttemptRow>(new CommandDefinition("""
            SELECT a.id AS Id, a.subscriber_id AS SubscriberId, d.event_id AS EventId, d.type AS Type, a.status_code AS StatusCode, a.error AS Error,
                   a.at AS At, d.state AS State
            FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
            WHERE @SubscriberId IS NULL OR a.subscriber_id = @SubscriberId
            ORDER BY a.id DESC LIMIT @Limit
            """, new { SubscriberId = subscriberId, Limit = limit }, cancellationToken: cancellationToken));
        return rows.Reverse().ToList();
    }
}
