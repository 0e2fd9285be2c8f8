using System.Globalization;
using System.Text.RegularExpressions;

namespace Connector.Sending.Settings;

/// <summary>Checks of single setting values; each returns a problem naming the key, or null. Never echoes a secret.</summary>
public static partial class SettingChecks
{
    public static string? NoLineBreak(string key, string? value) =>
        value is not null && value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0 ? $"{key}: must not contain a line break (it would end up in a header)" : null;

    /// <summary>A plain addr-spec with a domain, as a From or Reply-To header may carry it.</summary>
    public static string? Address(string key, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (NoLineBreak(key, value) is { } lineBreak)
        {
            return lineBreak;
        }

        var at = value.LastIndexOf('@');
        if (at <= 0 || at == value.Length - 1)
        {
            return $"{key}: '{value}' is not an e-mail address with a domain (like news@example.com)";
        }

        return DomainName($"{key}", value[(at + 1)..]) is null && !value[..at].Any(char.IsWhiteSpace) && MimeKit.MailboxAddress.TryParse(value, out _)
            ? null
            : $"{key}: '{value}' is not an e-mail address with a domain (like news@example.com)";
    }

    public static string? DomainName(string key, string? value) =>
        value is null ? null
        : NoLineBreak(key, value) ?? (Domain().IsMatch(value) ? null : $"{key}: '{value}' is not a domain name (like example.com)");

    public static string? AbsoluteHttp(string key, string? value) =>
        value is { Length: > 0 } && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            ? $"{key}: '{value}' is not an absolute http(s) URL" : null;

    public static string? NonNegativeInt(string key, string? value) =>
        value is not null && !(int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0)
            ? $"{key}: '{value}' is not a non-negative whole number" : null;

    public static string? PositiveNumber(string key, string? value) =>
        value is not null && !(double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0 && double.IsFinite(n))
            ? $"{key}: '{value}' is not a positive number" : null;

    public static string? Bool(string key, string? value) =>
        value is not null && !bool.TryParse(value, out _) ? $"{key}: '{value}' is not true or false" : null;

    public static string? PositiveTimeSpan(string key, string? value) =>
        value is null ? null
        : !TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) ? $"{key}: '{value}' is not a TimeSpan (like 00:01:00)"
        : span <= TimeSpan.Zero ? $"{key}: must be greater than zero"
        : null;

    [GeneratedRegex(@"^(?=.{1,253}$)([\p{L}\p{N}]([\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}\p{N}-]{2,63}$")]
    private static partial Regex Domain();
}
