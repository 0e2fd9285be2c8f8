using System.Security.Cryptography;
using Connector.Domains;
using Connector.Sending.Settings;
using Connector.Web.UiSession;
using Microsoft.Extensions.Options;

namespace Connector.Web.Settings.Domain;

/// <summary>
/// <c>/api/ui/settings/domain</c>: the sending domain as configured (From, <c>d=</c>, the bounce domain), the DKIM keys of
/// <c>Dkim:KeyFolder</c> with the TXT records to publish (public keys only, never a private key), and the domain check of
/// <c>crm-esp domain check</c> — pass, warn or fail per record with the fix.
/// </summary>
public static class DomainUi
{
    public static RouteGroupBuilder MapDomainUi(this RouteGroupBuilder settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.MapGet("/domain", Overview)
            .WithSummary("The sending domain's names (From, DKIM d=, bounce domain, relays) and the DKIM TXT records to publish for the keys in Dkim:KeyFolder");
        settings.MapGet("/domain/check", CheckAsync)
            .WithSummary("Check a sending domain in DNS (domain, default the From domain): SPF, DKIM, DMARC, the bounce MX, the relay's PTR, alignment — pass/warn/fail each, with the fix");
        return settings;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.Ok<DomainOverview> Overview(DomainChecker checker, IOptions<SenderOptions> sender)
    {
        var domain = DefaultDomain(sender.Value);
        var names = checker.Names(domain ?? "");
        IReadOnlyList<DomainDkimKey> keys;
        string? keyProblem = null;
        try
        {
            keys = [.. PublishedDkimKeys.Read(names.DkimDomain, names.KeyFolder).Select(r => new DomainDkimKey(
                r.Selector, r.Selector.StartsWith(Sending.Dkim.DkimKeySet.Ed25519Prefix, StringComparison.Ordinal) ? "ed25519" : "rsa", r.Name, r.Value))];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or CryptographicException or ArgumentException)
        {
            keys = [];
            keyProblem = "a key in Dkim:KeyFolder could not be read: check the files and their permissions";
        }

        return TypedResults.Ok(new DomainOverview(domain, names.FromAddress, names.DkimDomain, names.BounceDomain, names.Relays, keys,
            keys.Count == 0 && keyProblem is null ? $"no DKIM key: run crm-esp dkim keygen --domain {names.DkimDomain} and set Dkim:KeyFolder" : keyProblem));
    }

    private static async Task<IResult> CheckAsync(string? domain, DomainChecker checker, IOptions<SenderOptions> sender, CancellationToken cancellationToken)
    {
        var name = (domain is { Length: > 0 } ? domain : DefaultDomain(sender.Value))?.Trim().TrimEnd('.').ToLowerInvariant();
        if (DomainRules.Domain(name) is { } problem)
        {
            return UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "domain", problem);
        }

        var report = await checker.CheckAsync(name!, cancellationToken);
        return TypedResults.Ok(new DomainCheckView(report.Domain, Word(report.Status),
            [.. report.Checks.Select(c => new DomainCheckLine(c.Check, Word(c.Status), c.Detail, c.Fix))]));
    }

    private static string? DefaultDomain(SenderOptions sender) =>
        sender.FromAddress is { Length: > 0 } from && from.LastIndexOf('@') is var at and > 0 ? from[(at + 1)..].Trim().ToLowerInvariant() : null;

    private static string Word(DomainCheckStatus status) => status switch
    {
        DomainCheckStatus.Pass => "pass",
        DomainCheckStatus.Warn => "warn",
        _ => "fail",
    };
}
