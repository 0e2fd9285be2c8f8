using System.Globalization;
using System.Text.RegularExpressions;

namespace Connector.Sandbox.Wire;

/// <summary>
/// Datetimes on the wire: <c>yyyy-MM-ddTHH:mm:ss+03:00</c> in the portal's zone, not the user's
/// (api-reference/data-types.md, "datetime"). Stored values are truncated to whole seconds like the CRM does.
/// </summary>
public static partial class SandboxDates
{
    public static readonly TimeSpan PortalOffset = TimeSpan.FromHours(3);

    public static string Format(DateTimeOffset value) =>
        value.ToOffset(PortalOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Offset);

    /// <summary>Filter values: ISO-8601 with or without offset, or a bare date; no offset means the portal's zone.</summary>
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        var trimmed = text.Trim();
        if (OffsetSuffix().IsMatch(trimmed))
        {
            return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
        }

        if (DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            value = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), PortalOffset);
            return true;
        }

        value = default;
        return false;
    }

    [GeneratedRegex(@"(Z|[+-]\d\d:?\d\d)$")]
    private static partial Regex OffsetSuffix();
}
