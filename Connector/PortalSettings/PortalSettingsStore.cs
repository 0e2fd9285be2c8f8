using Connector.Store;
using Dapper;

namespace Connector.PortalSettings;

/// <summary>
/// <c>portal_settings</c> and <c>portal_setting_changes</c> (migration 0034), their only writer: a portal's own values
/// and every change to them, written together in one transaction. Every query names the portal.
/// </summary>
public sealed class PortalSettingsStore(SqliteConnectionFactory connections, TimeProvider time)
{
    private const string UserName = "NULLIF(trim(COALESCE(u.name, '') || ' ' || COALESCE(u.last_name, '')), '')";

    private const string Values = $"""
        SELECT s.key AS Key, s.value AS Value, s.updated_at AS UpdatedAt, s.updated_by AS UpdatedBy, {UserName} AS UpdatedByName
        FROM portal_settings s LEFT JOIN users u ON u.portal_id = s.portal_id AND u.crm_id = s.updated_by
        WHERE s.portal_id = @Portal
        """;

    private const string Changes = $"""
        SELECT c.id AS Id, c.key AS Key, c.old_value AS OldValue, c.new_value AS NewValue, c.changed_at AS ChangedAt, c.changed_by AS ChangedBy, {UserName} AS ChangedByName
        FROM portal_setting_changes c LEFT JOIN users u ON u.portal_id = c.portal_id AND u.crm_id = c.changed_by
        WHERE c.portal_id = @Portal ORDER BY c.id DESC LIMIT @Limit
        """;

    private const string Upsert = """
        INSERT INTO portal_settings (portal_id, key, value, updated_at, updated_by) VALUES (@Portal, @Key, @Value, @Now, @User)
        ON CONFLICT (portal_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by
        """;

    private const string Delete = "DELETE FROM portal_settings WHERE portal_id = @Portal AND key = @Key";

    private const string Record = """
        INSERT INTO portal_setting_changes (portal_id, key, old_value, new_value, changed_at, changed_by) VALUES (@Portal, @Key, @Old, @New, @Now, @User)
        """;

    /// <summary>The values the portal set (keys it did not set are absent).</summary>
    public async Task<IReadOnlyList<PortalSettingRow>> ValuesAsync(long portalId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<PortalSettingRow>(new CommandDefinition(Values, new { Portal = portalId }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>The portal's own time zone as Sync stored it (<c>portals.time_zone</c>), or null.</summary>
    public async Task<string?> PortalTimeZoneAsync(long portalId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT time_zone FROM portals WHERE id = @Portal", new { Portal = portalId }, cancellationToken: cancellationToken));
    }

    /// <summary>The portal's last <paramref name="limit"/> changes, newest first.</summary>
    public async Task<IReadOnlyList<PortalSettingChange>> ChangesAsync(long portalId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<PortalSettingChange>(new CommandDefinition(Changes, new { Portal = portalId, Limit = limit }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>
    /// Sets (a value) or unsets (null) each key for the portal, recording each real change with who and when; a key
    /// set to what it already holds is not a change. Returns how many keys changed.
    /// </summary>
    public async Task<int> SaveAsync(long portalId, long userId, IReadOnlyDictionary<string, string?> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        var now = UtcText.From(time.GetUtcNow());
        using var writing = connections.WriteGate.Enter(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = (await connection.QueryAsync<(string Key, string Value)>(new CommandDefinition(
            "SELECT key, value FROM portal_settings WHERE portal_id = @Portal", new { Portal = portalId }, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
        var changed = 0;
        foreach (var (key, value) in values)
        {
            var old = before.GetValueOrDefault(key);
            if (old == value)
            {
                continue;
            }

            var args = new { Portal = portalId, Key = key, Value = value, Old = old, New = value, Now = now, User = userId };
            await connection.ExecuteAsync(new CommandDefinition(value is null ? Delete : Upsert, args, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(Record, args, transaction, cancellationToken: cancellationToken));
            changed++;
        }

        await transaction.CommitAsync(cancellationToken);
        return changed;
    }
}
