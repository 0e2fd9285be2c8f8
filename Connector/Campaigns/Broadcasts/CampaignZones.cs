using Connector.Store;

namespace Connector.Campaigns.Broadcasts;

/// <summary>
/// The zones a campaign uses, through the shared <see cref="ContactTimeZones"/>: the contact's field
/// (<c>Scenarios:TimeZoneField</c>), else the portal's zone (not known to the store yet: null), else
/// <c>Scenarios:DefaultTimeZone</c> (default UTC) — which is also the portal's zone for <c>--at</c> without an offset
/// and for a window without <c>--local-time</c>.
/// </summary>
public sealed class CampaignZones(IConfiguration configuration)
{
    public string? Field => configuration["Scenarios:TimeZoneField"] is { Length: > 0 } f ? f : null;

    public TimeZoneInfo Portal => ContactTimeZones.Find(configuration["Scenarios:DefaultTimeZone"]) ?? TimeZoneInfo.Utc;

    public TimeZoneInfo OfContact(IReadOnlyDictionary<string, IReadOnlyList<string>> fields) => ContactTimeZones.Resolve(fields, Field, null, Portal);
}
