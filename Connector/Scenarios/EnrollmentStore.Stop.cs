using Connector.Store;
using Dapper;

namespace Connector.Scenarios;

public sealed partial class EnrollmentStore
{
    /// <summary>
    /// Stops one active enrollment of the portal (a manager on the card): it exits with <paramref name="reason"/> and its
    /// due step goes, in one transaction; a dispatcher holding the step's lease finds nothing to advance. False when the
    /// enrollment is not active (already completed, exited or stopped) or not the portal's.
    /// </summary>
    public async Task<bool> StopOneAsync(long portalId, long enrollmentId, string reason, CancellationToken cancellationToken)
    {
        var now = UtcText.From(time.GetUtcNow());
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var gate = connections.WriteGate.Enter(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var args = new { Id = enrollmentId, Portal = portalId, Reason = reason, Now = now };
        var exited = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE scenario_enrollments SET state = 'exited', exit_reason = @Reason, updated_at = @Now WHERE id = @Id AND portal_id = @Portal AND state = 'active'",
            args, transaction, cancellationToken: cancellationToken));
        if (exited == 1)
        {
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM scenario_due WHERE enrollment_id = @Id", args, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return exited == 1;
    }
}
