using Connector.Store;
using Dapper;

namespace Connector.Webhooks;

/// <summary>The dispatcher's side: due deliveries of active subscribers, and one transaction per attempt (log row, delivery state, subscriber health).</summary>
public sealed partial class WebhookStore
{
    private const int ErrorLength = 200;

    private const string Due = """
        SELECT d.id AS Id, d.subscriber_id AS SubscriberId, d.event_id AS EventId, d.body AS Body, d.attempts AS Attempts, d.created_at AS CreatedAt,
               s.url AS Url, s.secret AS Secret, s.failing_since AS FailingSince
        FROM webhook_deliveries d JOIN webhook_subscribers s ON s.id = d.subscriber_id
        WHERE d.state = 'pending' AND d.next_attempt_at <= @Now AND s.state = 'active'
        ORDER BY d.next_attempt_at, d.id LIMIT @Limit
        """;

    private const string Disable = """
        UPDATE webhook_subscribers SET state = 'disabled', disabled_at = @Now, updated_at = @Now,
               disabled_reason = 'failing since ' || failing_since || ': ' || @Reason
        WHERE id = @Id AND state = 'active' AND failing_since IS NOT NULL AND failing_since <= @Limit
        """;

    public async Task<IReadOnlyList<WebhookDueDelivery>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<WebhookDueDelivery>(new CommandDefinition(
            Due, new { Now = UtcText.From(now), Limit = limit }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>
    /// Records one attempt: delivered on success (and the subscriber healthy again); otherwise pending until
    /// <paramref name="retryAt"/> or failed when null, the subscriber failing since the oldest event it did not take and disabled once
    /// that is <paramref name="disableAfter"/> old (its pending deliveries then fail). True when this disabled it.
    /// </summary>
    public async Task<bool> RecordAsync(WebhookDueDelivery delivery, WebhookAttemptOutcome outcome, DateTimeOffset now, DateTimeOffset? retryAt, TimeSpan disableAfter,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(outcome);
        var nowText = UtcText.From(now);
        var error = outcome.Error is { Length: > ErrorLength } long_ ? long_[..ErrorLength] : outcome.Error;
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var gate = connections.WriteGate.Enter(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO webhook_attempts (delivery_id, subscriber_id, status_code, error, at) VALUES (@Delivery, @Subscriber, @Status, @Error, @Now)",
            new { Delivery = delivery.Id, Subscriber = delivery.SubscriberId, Status = outcome.StatusCode, Error = error, Now = nowText }, transaction, cancellationToken: cancellationToken));
        var state = outcome.Succeeded ? "delivered" : retryAt is null ? "failed" : "pending";
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_deliveries SET state = @State, attempts = attempts + 1, next_attempt_at = @Next, updated_at = @Now WHERE id = @Id",
            new { State = state, Next = UtcText.From(retryAt ?? now), Now = nowText, delivery.Id }, transaction, cancellationToken: cancellationToken));
        var disabled = false;
        if (outcome.Succeeded)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE webhook_subscribers SET failing_since = NULL, updated_at = @Now WHERE id = @Id AND failing_since IS NOT NULL",
                new { Now = nowText, Id = delivery.SubscriberId }, transaction, cancellationToken: cancellationToken));
        }
        else
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE webhook_subscribers SET failing_since = @Since, updated_at = @Now WHERE id = @Id AND failing_since IS NULL",
                new { Since = delivery.CreatedAt, Now = nowText, Id = delivery.SubscriberId }, transaction, cancellationToken: cancellationToken));
            var reason = outcome.StatusCode is { } code ? $"last attempt answered {code}" : $"last attempt: {error}";
            disabled = await connection.ExecuteAsync(new CommandDefinition(
                Disable, new { Now = nowText, Reason = reason, Id = delivery.SubscriberId, Limit = UtcText.From(now - disableAfter) }, transaction, cancellationToken: cancellationToken)) == 1;
            if (disabled)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE webhook_deliveries SET state = 'failed', updated_at = @Now WHERE subscriber_id = @Id AND state = 'pending'",
                    new { Now = nowText, Id = delivery.SubscriberId }, transaction, cancellationToken: cancellationToken));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return disabled;
    }
}
