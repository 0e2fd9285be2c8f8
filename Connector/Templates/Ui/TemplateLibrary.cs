using Connector.Store;
using Dapper;

namespace Connector.Templates.Ui;

/// <summary>
/// The templates of one portal, for the app's page: who owns a name (<c>template_owners</c>), the list with each
/// latest subject, the versions of one template, deleting (hiding) a name. The versions themselves are written only by
/// <see cref="TemplateStore"/>. Every query is scoped to the caller's portal.
/// </summary>
public sealed class TemplateLibrary(SqliteConnectionFactory connections, TimeProvider time)
{
    private const string List = """
        SELECT o.name AS Name,
               COALESCE((SELECT json_extract(t.body, '$.subject') FROM templates t WHERE t.name = o.name ORDER BY t.version DESC LIMIT 1), '') AS Subject,
               MAX(t.created_at) AS UpdatedAt, COUNT(*) AS Versions, MAX(t.version) AS Latest
        FROM template_owners o JOIN templates t ON t.name = o.name
        WHERE o.portal_id = @Portal AND o.deleted_at IS NULL
        GROUP BY o.name
        ORDER BY UpdatedAt DESC, o.name
        """;

    private const string Mine = "SELECT COUNT(*) FROM template_owners WHERE name = @Name AND portal_id = @Portal AND deleted_at IS NULL";

    private const string Claim = """
        INSERT INTO template_owners (name, portal_id, created_at)
        SELECT @Name, @Portal, @Now WHERE NOT EXISTS (SELECT 1 FROM templates WHERE name = @Name)
        ON CONFLICT (name) DO NOTHING
        """;

    private const string Owner = "SELECT portal_id AS Portal, deleted_at IS NOT NULL AS Deleted FROM template_owners WHERE name = @Name";

    private const string Revive = "UPDATE template_owners SET deleted_at = NULL WHERE name = @Name AND portal_id = @Portal AND deleted_at IS NOT NULL";

    private const string Unclaim = "DELETE FROM template_owners WHERE name = @Name AND portal_id = @Portal AND NOT EXISTS (SELECT 1 FROM templates WHERE name = @Name)";

    private const string Versions = """
        SELECT version AS Version, COALESCE(json_extract(body, '$.subject'), '') AS Subject, created_at AS CreatedAt
        FROM templates WHERE name = @Name ORDER BY version DESC LIMIT 200
        """;

    private const string Next = "SELECT COALESCE(MAX(version), 0) + 1 FROM templates WHERE name = @Name";

    private const string Delete = "UPDATE template_owners SET deleted_at = @Now WHERE name = @Name AND portal_id = @Portal AND deleted_at IS NULL";

    private const string PortalKey = "SELECT portal_key FROM portals WHERE id = @Portal";

    public async Task<IReadOnlyList<TemplateSummary>> ListAsync(long portalId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<TemplateSummary>(new CommandDefinition(List, new { Portal = portalId }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>True when the name is the portal's and not deleted; another portal's template reads as absent.</summary>
    public async Task<bool> IsMineAsync(long portalId, string name, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(Mine, new { Name = name, Portal = portalId }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>
    /// Makes a new name the portal's (a name saved from the command line, or another portal's, is taken); a name the
    /// portal deleted is its own again.
    /// </summary>
    public async Task<TemplateClaim> ClaimAsync(long portalId, string name, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var args = new { Name = name, Portal = portalId, Now = UtcText.From(time.GetUtcNow()) };
        if (await connection.ExecuteAsync(new CommandDefinition(Claim, args, cancellationToken: cancellationToken)) == 1)
        {
            return TemplateClaim.Claimed;
        }

        var owner = await connection.QuerySingleOrDefaultAsync<OwnerRow>(new CommandDefinition(Owner, args, cancellationToken: cancellationToken));
        if (owner is null || owner.Portal != portalId)
        {
            return TemplateClaim.Taken;
        }

        if (owner.Deleted == 0)
        {
            return TemplateClaim.Owned;
        }

        await connection.ExecuteAsync(new CommandDefinition(Revive, args, cancellationToken: cancellationToken));
        return TemplateClaim.Claimed;
    }

    /// <summary>Gives back a name claimed for a first save that was refused (only while it has no version).</summary>
    public async Task ReleaseAsync(long portalId, string name, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Unclaim, new { Name = name, Portal = portalId }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<TemplateVersionSummary>> VersionsAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<TemplateVersionSummary>(new CommandDefinition(Versions, new { Name = name }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<int> NextVersionAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(Next, new { Name = name }, cancellationToken: cancellationToken));
    }

    /// <summary>Hides the portal's template from the page; its versions stay for the letters that still use them.</summary>
    public async Task<bool> DeleteAsync(long portalId, string name, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Delete, new { Name = name, Portal = portalId, Now = UtcText.From(time.GetUtcNow()) }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// The declared custom fields this portal's mirror does not have, as the store words it (the store's own check
    /// looks at every portal's mirror); none while the portal's mirror holds no custom field of that kind.
    /// </summary>
    public async Task<IReadOnlyList<TemplateFieldError>> UnknownCustomFieldsAsync(long portalId, IReadOnlyList<string> declared, CancellationToken cancellationToken)
    {
        if (declared.Count == 0)
        {
            return [];
        }

        var known = (await new TemplateMirrorQueries(connections).CustomFieldsAsync(portalId, cancellationToken)).ToLookup(f => f.Owner, f => f.Code, StringComparer.Ordinal);
        return declared
            .Select(d => (Declared: d, Field: CustomFieldNames.Parse(d)))
            .Where(f => f.Field is { } field && known[field.Owner].Any() && !known[field.Owner].Contains(field.Code, StringComparer.Ordinal))
            .Select(f => new TemplateFieldError("custom_fields",
                $"the CRM has no {f.Field!.Value.Owner} field {f.Field.Value.Code} (none of its mirrored {f.Field.Value.Owner}s carries it) ({f.Declared})"))
            .ToList();
    }

    public async Task<string?> PortalKeyAsync(long portalId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(PortalKey, new { Portal = portalId }, cancellationToken: cancellationToken));
    }

    private sealed record OwnerRow
    {
        public long Portal { get; init; }

        public long Deleted { get; init; }
    }
}
