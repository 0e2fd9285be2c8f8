using Connector.Store;
using Dapper;

namespace Connector.Segments;

/// <summary>The saved segments (migration 0020), versioned: the only writer of <c>segments</c>.</summary>
public sealed class SegmentStore(SqliteConnectionFactory connections, TimeProvider time)
{
    private const string Insert = """
        INSERT INTO segments (name, version, expression, created_at)
        SELECT @Name, COALESCE(MAX(version), 0) + 1, @Expression, @Now FROM segments WHERE name = @Name
        RETURNING version
        """;

    private const string Latest = """
        SELECT name AS Name, version AS Version, expression AS Expression, created_at AS CreatedAt
        FROM segments WHERE name = @Name ORDER BY version DESC LIMIT 1
        """;

    private const string List = """
        SELECT s.name AS Name, s.version AS Version, s.expression AS Expression, s.created_at AS CreatedAt
        FROM segments s WHERE s.version = (SELECT MAX(x.version) FROM segments x WHERE x.name = s.name)
        ORDER BY s.name
        """;

    /// <summary>Adds a version; the caller has validated <paramref name="expression"/> whole.</summary>
    public async Task<long> SaveAsync(string name, string expression, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(Insert, new { Name = name, Expression = expression, Now = UtcText.From(time.GetUtcNow()) }, cancellationToken: cancellationToken));
    }

    public async Task<SavedSegment?> LatestAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<SavedSegment>(new CommandDefinition(Latest, new { Name = name }, cancellationToken: cancellationToken));
    }

    /// <summary>Whether any portal has a scenario of this name (<c>in scenario "X"</c> names one; the Scenarios slice writes them).</summary>
    public async Task<bool> ScenarioExistsAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT 1 FROM scenarios WHERE name = @Name LIMIT 1", new { Name = name }, cancellationToken: cancellationToken)) is not null;
    }

    public async Task<IReadOnlyList<SavedSegment>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<SavedSegment>(new CommandDefinition(List, cancellationToken: cancellationToken))).ToList();
    }
}
