using Microsoft.Extensions.Configuration;

namespace Connector.Host;

/// <summary>
/// Which portals this process works on: the configured webhook; else the app installs in the store; else (or with
/// --sandbox / Sandbox:Enabled) the built-in sandbox portal.
/// </summary>
public sealed record PortalChoice(string? WebhookUrl, bool SandboxForced, bool AppConfigured = false)
{
    public const string SandboxKey = "sandbox";

    /// <summary>True when no CRM is configured (no webhook, no app ClientId): the sandbox stands in for it.</summary>
    public bool Sandbox => SandboxForced || (WebhookUrl is null && !AppConfigured);

    public static PortalChoice From(IConfiguration configuration, bool sandboxFlag)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var url = configuration[Crm.Bitrix24.Portals.WebhookUrl.Key];
        var forced = sandboxFlag || string.Equals(configuration["Sandbox:Enabled"], "true", StringComparison.OrdinalIgnoreCase);
        return new PortalChoice(string.IsNullOrWhiteSpace(url) ? null : url, forced, !string.IsNullOrWhiteSpace(configuration["Bitrix24:ClientId"]));
    }
}
