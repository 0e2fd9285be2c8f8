using System.Globalization;
using System.Text.Json;
using Connector.Store;
using Dapper;

namespace Connector.Sending.Ledger;

/// <summary>
/// The portals' own throttles, read inside the reservation's transaction (so a change in Settings holds from the next
/// batch, for every runner): each portal of the due rows with its zone (<c>portals.time_zone</c>) and its
/// <c>portal_settings</c> rows for the cap and quiet hours. A value a portal set wins over the policy's (configuration);
/// an unset one falls back to it.
/// </summary>
public sealed partial class SendLedgerStore
{
    internal const string PortalRules = """
        SELECT p.id AS PortalId, p.time_zone AS TimeZone, s.key AS Key, s.value AS Value
        FROM portals p LEFT JOIN portal_settings s ON s.portal_id = p.id AND s.key IN (SELECT value FROM json_each(@Keys))
        WHERE p.id IN (SELECT value FROM json_each(@Portals))
        """;

    private static async Task<Dictionary<long, PortalSendRules>> PortalRulesAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, ReservePolicy policy, IEnumerable<LedgerRow> due, CancellationToken cancellationToken)
    {
        var portals = due.Where(r => r.PortalId is not null).Select(r => r.PortalId!.Value).Distinct().ToList();
        if (portals.Count == 0)
        {
            return [];
        }

        var rows = await connection.QueryAsync<(long PortalId, string? TimeZone, string? Key, string? Value)>(new CommandDefinition(PortalRules, new
        {
            Portals = JsonSerializer.Serialize(portals), Keys = JsonSerializer.Serialize(SendSettingKeys.Reservation),
        }, transaction, cancellationToken: cancellationToken));
        return rows.GroupBy(r => r.PortalId).ToDictionary(g => g.Key, g => Resolve(policy,
            g.Where(r => r.Key is not null && r.Value is not null).ToDictionary(r => r.Key!, r => r.Value!, StringComparer.Ordinal), g.First().TimeZone));
    }

    /// <summary>A portal's rules: its own values where it set them, the policy's (configuration) where not.</summary>
    public static PortalSendRules Resolve(ReservePolicy policy, IReadOnlyDictionary<string, string> own, string? portalZone)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(own);
        var cap = new FrequencyCap(
            own.TryGetValue(SendSettingKeys.PerDay, out var day) && int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : policy.Cap.PerDay,
            own.TryGetValue(SendSettingKeys.PerWeek, out var week) && int.TryParse(week, NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? w : policy.Cap.PerWeek);
        // Start and end are set together (the Settings page checks it): a portal's pair replaces the configured one;
        // an empty pair ("off") switches configured quiet hours off for that portal.
        var quiet = own.TryGetValue(SendSettingKeys.QuietStart, out var start) && own.TryGetValue(SendSettingKeys.QuietEnd, out var end)
            ? QuietHours.From(start, end)
            : policy.Quiet;
        var zone = (own.TryGetValue(SendSettingKeys.QuietTimeZone, out var id) ? ContactTimeZones.Find(id) : null)
            ?? policy.QuietZone ?? PortalTimeZones.Parse(portalZone) ?? policy.DefaultZone;
        return new PortalSendRules(cap, quiet, zone);
    }
}
