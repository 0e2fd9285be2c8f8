using MimeKit;

namespace Connector.Sending.Hygiene;

/// <summary>
/// Validates addresses at import, never by SMTP probing: syntax (one plain mailbox, no display name, a dotted domain),
/// role accounts (not mailed by marketing), disposable domains, and whether the domain accepts mail at all (MX).
/// The role and disposable lists are short built-in seeds; vendoring the npm lists (role-based-email-addresses,
/// disposable-email-domains) as data files is the next step.
/// </summary>
public sealed class AddressValidator(IMxResolver resolver)
{
    private static readonly HashSet<string> Roles = new(StringComparer.OrdinalIgnoreCase)
    {
        "abuse", "admin", "administrator", "billing", "contact", "help", "hostmaster", "info", "mailer-daemon", "marketing",
        "no-reply", "noc", "noreply", "office", "postmaster", "root", "sales", "security", "support", "webmaster",
    };

    private static readonly HashSet<string> Disposable = new(StringComparer.OrdinalIgnoreCase)
    {
        "10minutemail.com", "discard.email", "dispostable.com", "guerrillamail.com", "mailinator.com", "maildrop.cc",
        "sharklasers.com", "temp-mail.org", "tempmail.com", "throwawaymail.com", "trashmail.com", "yopmail.com",
    };

    public async Task<AddressVerdict> ValidateAsync(string address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var trimmed = address.Trim();
        if (trimmed.Any(char.IsControl) || !MailboxAddress.TryParse(trimmed, out var mailbox) || mailbox is null
            || !string.IsNullOrEmpty(mailbox.Name) || mailbox.Address != trimmed || mailbox.LocalPart.Length is 0 or > 64
            || mailbox.Domain.Length == 0 || !mailbox.Domain.Contains('.', StringComparison.Ordinal) || mailbox.Domain.StartsWith('.') || mailbox.Domain.EndsWith('.'))
        {
            return AddressVerdict.Reject(trimmed, "syntax");
        }

        var domain = mailbox.Domain.ToLowerInvariant();
        if (Roles.Contains(mailbox.LocalPart))
        {
            return AddressVerdict.Reject(trimmed, "role");
        }

        if (Disposable.Contains(domain))
        {
            return AddressVerdict.Reject(trimmed, "disposable");
        }

        return await resolver.ResolveAsync(domain, cancellationToken) switch
        {
            MxAnswer.NullMx => AddressVerdict.Reject(trimmed, "null_mx"),
            MxAnswer.NoDomain => AddressVerdict.Reject(trimmed, "no_domain"),
            MxAnswer.Unknown => AddressVerdict.Ok(trimmed, "dns_unknown"),
            _ => AddressVerdict.Ok(trimmed),
        };
    }
}
