namespace Connector.Store;

/// <summary>
/// A contact's time zone, shared by every slice that sends at a local hour (scenario waits, campaigns in local time,
/// send-time optimisation): the contact's custom field (<c>Scenarios:TimeZoneField</c>, an IANA or a Windows id), else the
/// portal's zone when known, else the configured default. An id the system does not know falls through to the next.
/// </summary>
public static class ContactTimeZones
{
    public static TimeZoneInfo Resolve(
        IReadOnlyDictionary<string, IReadOnlyList<string>> contactFields, string? field, TimeZoneInfo? portalZone, TimeZoneInfo fallback)
    {
        ArgumentNullException.ThrowIfNull(contactFields);
        ArgumentNullException.ThrowIfNull(fallback);
        return FromField(contactFields, field) ?? portalZone ?? fallback;
    }

    /// <summary>The zone named by <paramref name="id"/>, or null when it is empty or unknown here.</summary>
    public static TimeZoneInfo? Find(string? id) =>
        id is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    private static TimeZoneInfo? FromField(IReadOnlyDictionary<string, IReadOnlyList<string>> fields, string? field) =>
        field is not null && fields.TryGetValue(field, out var values) && values.Count > 0 ? Find(values[0]) : null;
}
