using Connector.Sending.Settings;

namespace Connector.Web.Settings.Domain;

/// <summary>The domain field's rule, as <c>crm-esp domain check --domain</c> and the page's <c>domainRule</c> have it.</summary>
public static class DomainRules
{
    public static string? Domain(string? name) =>
        name is not { Length: > 0 } ? "a domain is required (like example.com); Sender:FromAddress is not set"
        : SettingChecks.DomainName("domain", name) is not null ? "not a domain name (like example.com)"
        : null;
}
