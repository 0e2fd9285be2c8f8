using System.Text.RegularExpressions;

namespace Connector.Bounces;

/// <summary>
/// The class of a DSN recipient by its RFC 3463 status code, never by <c>Action:</c>. Hard: 5.1.x (bad mailbox, domain,
/// syntax, moved, null MX) and 5.2.1 (disabled). Policy (never a suppression; the sender's problem): 5.7.x and 4.7.x,
/// and content or size refusals 5.6.x, 5.3.4, 5.2.3. Soft: every 4.x.x, and every other 5.x.x (5.2.2 mailbox full,
/// 5.4.x routing, 5.3.x/5.5.x system and protocol, 5.0.0): such an address is suppressed only after
/// <c>Bounces:SoftBounceLimit</c> of them in a row. 2.x.x (delivered, relayed) is no bounce: null. A bare x.0.0 takes
/// the more precise code of the same class from Diagnostic-Code when one is there (<c>550 5.1.1 …</c>).
/// </summary>
public static partial class BounceClassifier
{
    public static BounceKind? Classify(string status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var parts = status.Split('.');
        if (parts.Length != 3 || !int.TryParse(parts[1], out var subject) || !int.TryParse(parts[2], out var detail))
        {
            return null;
        }

        return (parts[0], subject, detail) switch
        {
            ("2", _, _) => null,
            ("5", 1, _) or ("5", 2, 1) => BounceKind.Hard,
            (_, 7, _) => BounceKind.Policy,
            ("5", 6, _) or ("5", 3, 4) or ("5", 2, 3) => BounceKind.Policy,
            ("4", _, _) or ("5", _, _) => BounceKind.Soft,
            _ => null,
        };
    }

    /// <summary>The status as given, or the Diagnostic-Code's code when the status is a bare x.0.0 of the same class; null when none is valid.</summary>
    public static string? EffectiveStatus(string? status, string? diagnostic)
    {
        var given = status is null ? null : Code().Match(status) is { Success: true } m ? m.Value : null;
        if (diagnostic is not null && (given is null || given.EndsWith(".0.0", StringComparison.Ordinal))
            && Code().Match(diagnostic) is { Success: true } precise && (given is null || precise.Value[0] == given[0]))
        {
            return precise.Value;
        }

        return given;
    }

    public static bool IsValid(string? status) => status is not null && Code().Match(status) is { Success: true } m && m.Value == status.Trim();

    [GeneratedRegex(@"\b[245]\.\d{1,3}\.\d{1,3}\b")]
    private static partial Regex Code();
}
