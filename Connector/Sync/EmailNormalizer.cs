using System.Globalization;

namespace Connector.Sync;

/// <summary>
/// Normalises CRM e-mails: trimmed, domain lower-cased, IDN domains to punycode. Invalid values are kept and
/// flagged with a reason, never dropped — the CRM user must be able to see and fix them.
/// </summary>
public static class EmailNormalizer
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    public static NormalizedEmail Normalize(CrmEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var trimmed = email.Value.Trim();
        var at = trimmed.LastIndexOf('@');
        if (at < 0)
        {
            return Invalid(email, trimmed, "no @");
        }

        var local = trimmed[..at];
        var domain = trimmed[(at + 1)..].TrimEnd('.');
        if (local.Length == 0)
        {
            return Invalid(email, trimmed, "empty local part");
        }

        if (domain.Length == 0)
        {
            return Invalid(email, trimmed, "empty domain");
        }

        string ascii;
        try
        {
            ascii = Idn.GetAscii(domain.ToLowerInvariant());
        }
        catch (ArgumentException)
        {
            return Invalid(email, local + "@" + domain.ToLowerInvariant(), "invalid domain");
        }

        var address = local + "@" + ascii;
        var reason = LocalPartProblem(local) ?? DomainProblem(ascii) ?? (address.Length > 254 ? "longer than 254 characters" : null);
        return new NormalizedEmail(email.Value, address, email.ValueType, reason is null, reason);
    }

    private static NormalizedEmail Invalid(CrmEmail email, string address, string reason) =>
        new(email.Value, address, email.ValueType, false, reason);

    private static string? LocalPartProblem(string local)
    {
        if (local.Length > 64)
        {
            return "local part longer than 64 characters";
        }

        if (local.Contains('@', StringComparison.Ordinal))
        {
            return "more than one @";
        }

        if (local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal))
        {
            return "misplaced dot in local part";
        }

        foreach (var c in local)
        {
            if (c <= ' ' || c == '"' || c == '(' || c == ')' || c == ',' || c == ':' || c == ';' || c == '<' || c == '>' || c == '[' || c == ']' || c == '\\' || c == 0x7f)
            {
                return "character not allowed in local part";
            }
        }

        return null;
    }

    private static string? DomainProblem(string ascii)
    {
        var labels = ascii.Split('.');
        if (labels.Length < 2)
        {
            return "domain has no dot";
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label.StartsWith('-') || label.EndsWith('-') ||
                !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return "invalid domain";
            }
        }

        return null;
    }
}
