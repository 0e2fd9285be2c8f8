using Connector.Sending.Hygiene;

namespace Connector.Web.Settings.Suppressions;

/// <summary>
/// The rules of the suppression forms, the same as the page's (<c>pages/settings/rules.ts</c>): one plain address of at
/// most 254 characters; a note of at most 200 characters on one line; a search of at most 254 characters; the reasons
/// the list knows. Each answer is the message to show next to the field, or null.
/// </summary>
public static class SuppressionRules
{
    public const int MaxAddress = 254;
    public const int MaxNote = 200;

    public static readonly IReadOnlyList<string> Reasons = ["unsubscribed", "hard_bounce", "soft_bounces", "complaint", "manual"];

    public static string? Address(string? address, out string normalised)
    {
        normalised = "";
        if (string.IsNullOrWhiteSpace(address))
        {
            return "an address is required";
        }

        if (address.Trim().Length > MaxAddress)
        {
            return $"at most {MaxAddress} characters";
        }

        if (AddressValidator.Normalise(address) is not { } plain)
        {
            return "not a plain, valid address (like name@example.com)";
        }

        normalised = plain;
        return null;
    }

    public static string? Note(string? note) =>
        note is null ? null
        : note.Length > MaxNote ? $"at most {MaxNote} characters"
        : note.Any(char.IsControl) ? "one line, without control characters"
        : null;

    public static string? Reason(string? reason) =>
        reason is null or "" || Reasons.Contains(reason) ? null : $"one of {string.Join(", ", Reasons)}";
}
