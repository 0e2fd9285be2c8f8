using Connector.Crm.Bitrix24.Portals;
using Microsoft.Extensions.Configuration;

namespace Connector.Cli;

/// <summary>Which portal this process works on: the configured webhook, or the built-in sandbox when none is configured.</summary>
public sealed record PortalChoice(string? WebhookUrl, bool Sandbox)
{
    public const string SandboxKey = "sandbox";

    public string Key => Sandbox ? SandboxKey : WebhookUrl is { } url ? Crm.Bitrix24.Portals.WebhookUrl.ToPortal(url).Key : SandboxKey;

    public static PortalChoice From(IConfiguration configuration, bool sandboxFlag)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var url = configuration[Crm.Bitrix24.Portals.WebhookUrl.Key];
        var enabled = sandboxFlag || string.Equals(configuration["Sandbox:Enabled"], "true", StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(url);
        return new PortalChoice(string.IsNullOrWhiteSpace(url) ? null : url, enabled);
    }
}
