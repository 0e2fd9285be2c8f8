namespace Connector.Web.Settings.Suppressions;

/// <summary>
/// The <c>source</c> of an entry an admin added on the Settings page: <c>ui:PORTAL:USER</c>, and <c>:NOTE</c> when they
/// gave one. The portal part makes it that portal's to see and lift (<see cref="Api.ApiSuppressionPage.Visible"/>).
/// </summary>
public static class SuppressionSource
{
    public static string For(long portalId, long userId, string? note) =>
        FormattableString.Invariant($"ui:{portalId}:{userId}") + (note is { Length: > 0 } ? ":" + note : "");

    /// <summary>The admin's note of a Settings page entry; null for any other source.</summary>
    public static string? Note(string? source)
    {
        if (source is null || !source.StartsWith("ui:", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = source.Split(':', 4);
        return parts.Length == 4 ? parts[3] : null;
    }
}
