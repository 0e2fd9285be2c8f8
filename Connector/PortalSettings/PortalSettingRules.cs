using System.Globalization;
using Connector.Sending.Ledger;

namespace Connector.PortalSettings;

/// <summary>
/// The checks of a change to a portal's settings, the same the page runs (<c>pages/settings/portalRules.ts</c>): each
/// value by its kind, then across fields on the values that would be in effect — the per-day cap not above the per-week
/// cap, quiet hours' start and end set together and not equal. A problem names the field.
/// </summary>
public static class PortalSettingRules
{
    public const int MaxCount = 10_000;

    /// <summary>The first problem of one value (null: unset, the configuration applies), or null.</summary>
    public static PortalSettingProblem? Check(PortalSettingDefinition definition, string? value)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (value is null)
        {
            return null;
        }

        return definition.Kind switch
        {
            PortalSettingKind.Count when !(value.Length is > 0 and <= 5 && value.All(char.IsAsciiDigit)
                                           && int.Parse(value, CultureInfo.InvariantCulture) <= MaxCount)
                => new(definition.Field, $"a whole number from 0 to {MaxCount.ToString(CultureInfo.InvariantCulture)} (0 = no cap)"),
            PortalSettingKind.Time when value.Length > 0 && QuietHours.ParseTime(value) is null
                => new(definition.Field, "a time as HH:mm (00:00 to 23:59), or empty for none"),
            PortalSettingKind.TimeZone when value.Length > 0 && !(value.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(value, out _))
                => new(definition.Field, "an unknown time zone: use an IANA id such as Europe/Moscow, or empty for the portal's"),
            PortalSettingKind.Switch when value is not ("true" or "false")
                => new(definition.Field, "true or false"),
            _ => null,
        };
    }

    /// <summary>
    /// The problem of a change (<paramref name="changes"/>: field → new value, null = back to configuration) given what
    /// is in effect (<paramref name="effective"/>: field → value), or null.
    /// </summary>
    public static PortalSettingProblem? Check(IReadOnlyDictionary<string, string?> changes, IReadOnlyDictionary<string, string> effective)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(effective);
        foreach (var (field, value) in changes)
        {
            if (PortalSettingKeys.ByField(field) is not { } definition)
            {
                return new(field, "not a setting of the portal");
            }

            if (Check(definition, value) is { } problem)
            {
                return problem;
            }
        }

        string After(string field) => changes.TryGetValue(field, out var v) && v is not null ? v : effective.GetValueOrDefault(field, "");
        if (changes.ContainsKey("quietHoursStart") != changes.ContainsKey("quietHoursEnd")
            || (changes.GetValueOrDefault("quietHoursStart") is null) != (changes.GetValueOrDefault("quietHoursEnd") is null))
        {
            return new(changes.ContainsKey("quietHoursStart") ? "quietHoursEnd" : "quietHoursStart", "set the start and the end of quiet hours together");
        }

        var (start, end) = (After("quietHoursStart"), After("quietHoursEnd"));
        if ((start.Length == 0) != (end.Length == 0))
        {
            return new(start.Length == 0 ? "quietHoursStart" : "quietHoursEnd", "quiet hours need both a start and an end (or neither)");
        }

        if (start.Length > 0 && start == end)
        {
            return new("quietHoursEnd", "quiet hours cannot end when they start");
        }

        if (int.TryParse(After("frequencyPerDay"), CultureInfo.InvariantCulture, out var day) && int.TryParse(After("frequencyPerWeek"), CultureInfo.InvariantCulture, out var week)
            && day > 0 && week > 0 && day > week)
        {
            return new(changes.ContainsKey("frequencyPerDay") ? "frequencyPerDay" : "frequencyPerWeek",
                $"the per-day cap ({day.ToString(CultureInfo.InvariantCulture)}) cannot be above the per-week cap ({week.ToString(CultureInfo.InvariantCulture)})");
        }

        return null;
    }
}
