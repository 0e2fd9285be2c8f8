using Connector.Crm.Bitrix24.Installs;
using Connector.Store;
using Dapper;

namespace Connector.Crm.Bitrix24.Automation.Robot;

/// <summary>
/// The only writer of <c>robot_calls</c> (0024): each robot run once by its event token, and the outbox of its answer.
/// A refusal and its answer are one insert; a send's result and its answer one update (waiting → due); a claim moves
/// due → sending before bizproc.event.send, so a crash mid-call leaves a row that is marked unknown, never resent.
/// The event token is stored encrypted, as the install's tokens are (<see cref="TokenProtector"/>).
/// </summary>
public sealed class RobotCallStore(SqliteConnectionFactory connections, TokenProtector protector, TimeProvider time)
{
    private const string Columns = """
        id AS Id, portal_id AS PortalId, event_token AS EventToken, code AS Code, deal_id AS DealId, template AS Template, kind AS Kind, delay AS Delay,
        enrollment_id AS EnrollmentId, answer_state AS AnswerState, status AS Status, message_id AS MessageId, attempts AS Attempts, reason AS Reason
        """;

    private const string Insert = """
        INSERT INTO robot_calls (portal_id, token_hash, event_token, workflow_id, code, deal_id, template, kind, delay, answer_state, status, next_attempt_at, received_at, updated_at)
        VALUES (@PortalId, @TokenHash, @EventToken, @WorkflowId, @Code, @DealId, @Template, @Kind, @Delay, @State, @Status, @Now, @Now, @Now)
        ON CONFLICT (token_hash) DO NOTHING
        RETURNING id
        """;

    /// <summary>Stores a run once: its id, or null when its event token was seen before (a redelivery).</summary>
    public async Task<long?> AcceptAsync(RobotCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(Insert, new
        {
            call.PortalId, call.TokenHash, EventToken = protector.Protect(call.EventToken), call.WorkflowId, call.Code, call.DealId, call.Template, call.Kind, call.Delay,
            State = call.Refused is null ? RobotAnswerStates.Waiting : RobotAnswerStates.Due, Status = call.Refused, Now = Now(),
        }, cancellationToken: cancellationToken));
    }

    public Task SetEnrollmentAsync(long id, long enrollmentId, CancellationToken cancellationToken) => ExecuteAsync(
        "UPDATE robot_calls SET enrollment_id = @EnrollmentId, updated_at = @Now WHERE id = @Id", new { Id = id, EnrollmentId = enrollmentId, Now = Now() }, cancellationToken);

    /// <summary>The send has a result (or the run was refused): the answer becomes due, once (waiting → due).</summary>
    public Task SettleAsync(long id, string status, string? messageId, CancellationToken cancellationToken) => ExecuteAsync("""
        UPDATE robot_calls SET answer_state = 'due', status = @Status, message_id = @MessageId, next_attempt_at = @Now, updated_at = @Now
        WHERE id = @Id AND answer_state = 'waiting'
        """, new { Id = id, Status = status, MessageId = messageId, Now = Now() }, cancellationToken);

    public async Task<IReadOnlyList<RobotCallRow>> InStateAsync(string state, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return [.. (await connection.QueryAsync<RobotCallRow>(new CommandDefinition(
            $"SELECT {Columns} FROM robot_calls WHERE answer_state = @State AND next_attempt_at <= @Now ORDER BY id LIMIT @Limit",
            new { State = state, Now = Now(), Limit = limit }, cancellationToken: cancellationToken))).Select(Decrypted)];
    }

    public async Task<RobotCallRow?> FindAsync(string tokenHash, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RobotCallRow>(new CommandDefinition(
            $"SELECT {Columns} FROM robot_calls WHERE token_hash = @Hash", new { Hash = tokenHash }, cancellationToken: cancellationToken));
        return row is null ? null : Decrypted(row);
    }

    /// <summary>due → sending, before the call; false when another pass took it. The lease ends at <paramref name="until"/>.</summary>
    public async Task<bool> ClaimAsync(long id, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE robot_calls SET answer_state = 'sending', attempts = attempts + 1, next_attempt_at = @Until, updated_at = @Now WHERE id = @Id AND answer_state = 'due'
            """, new { Id = id, Until = UtcText.From(until), Now = Now() }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>sending → answered, unknown or failed (with why), or back to due at <paramref name="retryAt"/> (refused before processing).</summary>
    public Task FinishAsync(long id, string state, string? reason, DateTimeOffset? retryAt, CancellationToken cancellationToken) => ExecuteAsync("""
        UPDATE robot_calls SET answer_state = @State, reason = @Reason, next_attempt_at = COALESCE(@RetryAt, next_attempt_at),
               answered_at = CASE WHEN @State = 'answered' THEN @Now ELSE answered_at END, updated_at = @Now
        WHERE id = @Id AND answer_state = 'sending'
        """, new { Id = id, State = state, Reason = reason, RetryAt = retryAt is { } at ? UtcText.From(at) : null, Now = Now() }, cancellationToken);

    /// <summary>Postpones a due answer (its portal cannot be called now).</summary>
    public Task PostponeAsync(long id, DateTimeOffset until, string reason, CancellationToken cancellationToken) => ExecuteAsync(
        "UPDATE robot_calls SET next_attempt_at = @Until, reason = @Reason, updated_at = @Now WHERE id = @Id AND answer_state = 'due'",
        new { Id = id, Until = UtcText.From(until), Reason = reason, Now = Now() }, cancellationToken);

    /// <summary>Answers whose lease ended while bizproc.event.send was in flight: they may have arrived, so unknown.</summary>
    public async Task<int> ExpireSendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE robot_calls SET answer_state = 'unknown', reason = 'the process stopped while bizproc.event.send was in flight', updated_at = @Now
            WHERE answer_state = 'sending' AND next_attempt_at <= @Now
            """, new { Now = Now() }, cancellationToken: cancellationToken));
    }

    private RobotCallRow Decrypted(RobotCallRow row) => row with { EventToken = protector.Unprotect(row.EventToken) };

    private string Now() => UtcText.From(time.GetUtcNow());

    private async Task ExecuteAsync(string sql, object args, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, args, cancellationToken: cancellationToken));
    }
}
