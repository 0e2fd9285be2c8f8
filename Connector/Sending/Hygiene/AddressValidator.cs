using System.Collections.Concurrent;
using MimeKit;

namespace Connector.Sending.Hygiene;

/// <summary>
/// Validates addresses at import, never by SMTP probing. Rejected (never mailed): bad syntax (one plain mailbox, no
/// display name, a dotted domain), a null MX (RFC 7505) and a domain that does not exist. Flagged but kept: role accounts
/// and disposable domains (a real person may read them; <c>--reject-flagged</c> refuses them too), and DNS that did not
/// answer (not the address's fault). The role and disposable lists are the vendored npm lists (<see cref="HygieneLists"/>).
/// </summary>
public sealed class AddressValidator(IMxResolver resolver)
{
    // One lookup per domain and validator (an import of 20,000 addresses at one provider asks DNS once).
    private readonly ConcurrentDictionary<string, Task<MxAnswer>> _answers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Syntax only (no DNS): the normalised address (domain lower-cased), or null.</summary>
    public static string? Normalise(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var trimmed = address.Trim();
        if (trimmed.Any(char.IsControl) || !MailboxAddress.TryParse(trimmed, out var mailbox) || mailbox is null
            || !string.IsNullOrEmpty(mailbox.Name) || mailbox.Address != trimmed || mailbox.LocalPart.Length is 0 or > 64
            || mailbox.Domain.Length == 0 || !mailbox.Domain.Contains('.', StringComparison.Ordinal) || mailbox.Domain.StartsWith('.') || mailbox.Domain.EndsWith('.'))
        {
            return null;
        }

        return $"{mailbox.LocalPart}@{mailbox.Domain.ToLowerInvariant()}";
    }

    public async Task<AddressVerdict> ValidateAsync(string address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (Normalise(address) is not { } normalised)
        {
            return AddressVerdict.Reject(address.Trim(), "syntax");
        }

        var at = normalised.LastIndexOf('@');
        var (local, domain) = (normalised[..at], normalised[(at + 1)..]);
        var flag = HygieneLists.IsRole(local) ? "role" : HygieneLists.IsDisposable(domain) ? "disposable" : null;
        return await _answers.GetOrAdd(domain, d => resolver.ResolveAsync(d, cancellationToken)) switch
        {
            MxAnswer.NullMx => AddressVerdict.Reject(normalised, "null_mx"),
            MxAnswer.NoDomain => AddressVerdict.Reject(normalised, "no_domain"),
            MxAnswer.Unknown => AddressVerdict.Ok(normalised, flag ?? "dns_unknown"),
            _ => AddressVerdict.Ok(normalised, flag),
        };
    }
}
