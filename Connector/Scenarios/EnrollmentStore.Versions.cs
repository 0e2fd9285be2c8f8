using Connector.Store;
using Dapper;

namespace Connector.Scenarios;

public sealed partial class EnrollmentStore
{
    /// <summary>The steps the active enrollments on <paramref name="version"/> are at, with how many are at each.</summary>
    public async Task<IReadOnlyDictionary<string, long>> ActiveStepsAsync(long scenarioId, long version, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Step, long Count)>(new CommandDefinition("""
            SELECT d.step, COUNT(*) FROM scenario_enrollments e JOIN scenario_due d ON d.enrollment_id = e.id
            WHERE e.scenario_id = @Id AND e.version = @Version AND e.state = 'active' GROUP BY d.step ORDER BY d.step
            """, new { Id = scenarioId, Version = version }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Step, r => r.Count, StringComparer.Ordinal);
    }

    /// <summary>
    /// Moves the active enrollments on <paramref name="from"/> to <paramref name="to"/>, each at its step's id or the
    /// one <paramref name="map"/> names, in one transaction; the caller has checked every step exists in the target.
    /// A send step with the same id keeps its send key, so what was sent is not sent again.
    /// </summary>
    public async Task<int> MigrateAsync(long scenarioId, long from, long to, IReadOnlyDictionary<string, string> map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(map);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        CommandDefinition Cmd(string sql, object args) => new(sql, args, transaction, cancellationToken: cancellationToken);
        var now = UtcText.From(time.GetUtcNow());
        foreach (var (old, target) in map)
        {
            await connection.ExecuteAsync(Cmd("""
                UPDATE scenario_due SET step = @Target
                WHERE step = @Old AND enrollment_id IN (SELECT id FROM scenario_enrollments WHERE scenario_id = @Id AND version = @From AND state = 'active')
                """, new { Id = scenarioId, From = from, Old = old, Target = target }));
        }

        var moved = await connection.ExecuteAsync(Cmd("""
            UPDATE scenario_enrollments SET version = @To, step = (SELECT d.step FROM scenario_due d WHERE d.enrollment_id = scenario_enrollments.id), updated_at = @Now
            WHERE scenario_id = @Id AND version = @From AND state = 'active'
            """, new { Id = scenarioId, From = from, To = to, Now = now }));
        await transaction.CommitAsync(cancellationToken);
        return moved;
    }
}
