using Connector.Store;
using Dapper;

namespace Connector.Campaigns.Broadcasts;

/// <summary>
/// The zones a campaign uses, through the shared <see cref="ContactTimeZones"/>: the contact's field
/// (<c>Scenarios:TimeZoneField</c>), else the portal's zone (<c>portals.time_zone</c>, stored by each full sync), else
/// <c>Scenarios:DefaultTimeZone</c> (default UTC). The portal's zone (or that default) also places <c>--at</c> without an
/// offset and a window without <c>--local-time</c>.
/// </summary>
public sealed class CampaignZones(IConfiguration configuration, SqliteConnectionFactory connections)
{
    public string? Field => configuration["Scenarios:TimeZoneField"] is { Length: > 0 } f ? f : null;

    public TimeZoneInfo Default => ContactTimeZones.Find(configuration["Scenarios:DefaultTimeZone"]) ?? TimeZoneInfo.Utc;

    /// <summary>The portal's own zone when Sync stored one, else <see cref="Default"/>.</summary>
    public async Task<TimeZoneInfo> PortalAsync(long portalId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var stored = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT time_zone FROM portals WHERE id = @PortalId", new { PortalId = portalId }, cancellationToken: cancellationToken));
        return PortalTimeZones.Parse(stored) ?? Default;
    }

    public TimeZoneInfo OfContact(IReadOnlyDictionary<string, IReadOnlyList<string>> fields, TimeZoneInfo portal) =>
        ContactTimeZones.Resolve(fields, Field, portal, Default);
}
