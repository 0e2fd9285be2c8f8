using Microsoft.Extensions.Options;

namespace Connector.Sending.Settings;

/// <summary>
/// <c>Sender:*</c> at start: addresses with a domain and no line break, a Feedback-ID of 5–15 characters, an http(s)
/// website, and a From domain that the DKIM keys cover (<c>Dkim:Domain</c> or a parent of it), since a message signed
/// for another domain fails DMARC at every receiver.
/// </summary>
public sealed class SenderOptionsValidator(IOptions<DkimOptions> dkim) : IValidateOptions<SenderOptions>
{
    public ValidateOptionsResult Validate(string? name, SenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problem = SettingChecks.Address("Sender:FromAddress", Blank(options.FromAddress))
            ?? SettingChecks.NoLineBreak("Sender:FromName", options.FromName)
            ?? SettingChecks.Address("Sender:ReplyTo", Blank(options.ReplyTo))
            ?? (Blank(options.FeedbackId) is { } id && (id.Length is < 5 or > 15 || id.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_'))
                ? $"Sender:FeedbackId: '{id}' must be 5 to 15 letters, digits, '-' or '_' (Gmail's SenderId)" : null)
            ?? SettingChecks.NoLineBreak("Sender:Company", options.Company)
            ?? SettingChecks.AbsoluteHttp("Sender:Website", Blank(options.Website))
            ?? Coverage(Blank(options.FromAddress), Blank(dkim.Value.Domain));
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }

    private static string? Coverage(string? from, string? dkimDomain)
    {
        if (from is null || dkimDomain is null)
        {
            return null;
        }

        var fromDomain = from[(from.LastIndexOf('@') + 1)..].TrimEnd('.');
        var signing = dkimDomain.TrimEnd('.');
        return fromDomain.Equals(signing, StringComparison.OrdinalIgnoreCase) || fromDomain.EndsWith("." + signing, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"Sender:FromAddress: the From domain {fromDomain} is not covered by Dkim:Domain {signing} (neither it nor a subdomain of it): every message would fail DMARC";
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
