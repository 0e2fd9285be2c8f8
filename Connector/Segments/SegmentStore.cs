using Connector.Store;
using Dapper;

namespace Connector.Segments;

/// <summary>
/// The saved segments (migrations 0020, 0030), versioned: the only writer of <c>segments</c>. A segment belongs to the
/// portal whose page saved it, or (portal null) to the operator, who saves through the CLI; names are unique in the
/// installation. The portal-less reads are the CLI's (the operator sees every segment); a page reads through the
/// portal's overloads, which see only its own segments and the operator's.
/// </summary>
public sealed class SegmentStore(SqliteConnectionFactory connections, TimeProvider time)
{
    // A new version keeps the name's owner; a first version gets @Portal (null from the CLI).
    private const string Insert = """
        INSERT INTO segments (name, version, expression, created_at, portal_id)
        SELECT @Name, COALESCE(MAX(version), 0) + 1, @Expression, @Now,
               CASE WHEN COUNT(*) = 0 THEN @Portal ELSE (SELECT o.portal_id FROM segments o WHERE o.name = @Name ORDER BY o.version DESC LIMIT 1) END
        FROM segments WHERE name = @Name
        RETURNING version
        """;

    private const string Columns = "SELECT s.name AS Name, s.version AS Version, s.expression AS Expression, s.created_at AS CreatedAt, s.portal_id AS PortalId FROM segments s ";

    private const string Latest = Columns + "WHERE s.name = @Name ORDER BY s.version DESC LIMIT 1";

    private const string Newest = "s.version = (SELECT MAX(x.version) FROM segments x WHERE x.name = s.name)";

    private const string List = Columns + "WHERE " + Newest + " ORDER BY s.name";

    private const string Visible = Columns + "WHERE " + Newest + " AND (s.portal_id = @Portal OR s.portal_id IS NULL) ORDER BY s.name";

    /// <summary>Adds a version; the caller has validated <paramref name="expression"/> whole.</summary>
    public async Task<long> SaveAsync(string name, string expression, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(Insert, new { Name = name, Expression = expression, Now = UtcText.From(time.GetUtcNow()), Portal = (long?)null }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Adds a version of <paramref name="portalId"/>'s segment (a first version makes it the portal's); the caller has
    /// checked that the name is free or the portal's own, and validated <paramref name="expression"/> whole.
    /// </summary>
    public async Task<long> SaveAsync(long portalId, string name, string expression, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(Insert, new { Name = name, Expression = expression, Now = UtcText.From(time.GetUtcNow()), Portal = portalId }, cancellationToken: cancellationToken));
    }

    /// <summary>The newest version of <paramref name="name"/> when <paramref name="portalId"/> may read it (its own or the operator's), else null.</summary>
    public async Task<SavedSegment?> LatestAsync(long portalId, string name, CancellationToken cancellationToken) =>
        await LatestAsync(name, cancellationToken) is { } row && (row.PortalId is null || row.PortalId == portalId) ? row : null;

    /// <summary>The portal's segments and the operator's, newest versions, by name.</summary>
    public async Task<IReadOnlyList<SavedSegment>> ListAsync(long portalId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<SavedSegment>(new CommandDefinition(Visible, new { Portal = portalId }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Renames every version of the portal's own segment; false when it is not the portal's or <paramref name="newName"/> is taken.</summary>
    public async Task<bool> RenameAsync(long portalId, string name, string newName, CancellationToken cancellationToken)
    {
        using var writing = connections.WriteGate.Enter(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var taken = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT 1 FROM segments WHERE name = @NewName AND name <> @Name LIMIT 1", new { Name = name, NewName = newName }, transaction, cancellationToken: cancellationToken)) is not null;
        var changed = taken ? 0 : await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE segments SET name = @NewName WHERE name = @Name AND portal_id = @Portal", new { Name = name, NewName = newName, Portal = portalId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return changed > 0;
    }

    /// <summary>Deletes every version of the portal's own segment; false when it is not the portal's.</summary>
    public async Task<bool> DeleteAsync(long portalId, string name, CancellationToken cancellationToken)
    {
        using var writing = connections.WriteGate.Enter(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM segments WHERE name = @Name AND portal_id = @Portal", new { Name = name, Portal = portalId }, cancellationToken: cancellationToken)) > 0;
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
