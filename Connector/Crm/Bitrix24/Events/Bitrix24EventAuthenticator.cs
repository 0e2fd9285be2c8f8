using System.Security.Cryptography;
using System.Text;
using Connector.Crm.Bitrix24.Installs;
using Connector.Crm.Bitrix24.Portals;
using Connector.Sync;
using Microsoft.Extensions.Configuration;

namespace Connector.Crm.Bitrix24.Events;

/// <summary>
/// Who may feed us events (safe-event-handlers.md): the <c>application_token</c> saved at install for that member_id,
/// or — self-hosted webhook mode — the outgoing webhook's token from configuration (<c>Bitrix24:ApplicationToken</c>).
/// Compared in constant time; the reason for a refusal never contains a token.
/// </summary>
public sealed class Bitrix24EventAuthenticator(Bitrix24InstallStore installs, IMirrorWriter mirror, IConfiguration configuration)
{
    private long? _webhookPortalId;

    public async Task<(EventPortal? Portal, string? Refusal)> AuthenticateAsync(Bitrix24EventForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (form.MemberId is null || form.ApplicationToken is null)
        {
            return (null, "auth[member_id] or auth[application_token] is missing");
        }

        var install = await installs.GetAsync(form.MemberId, cancellationToken);
        if (install is not null && install.Status != Bitrix24InstallStatus.Uninstalled)
        {
            return Same(form.ApplicationToken, install.ApplicationToken)
                ? (new EventPortal(install.PortalId, install.MemberId, IsAppInstall: true), null)
                : (null, $"application_token does not match the one stored for member_id {form.MemberId}");
        }

        var webhook = configuration[WebhookUrl.Key];
        var token = configuration["Bitrix24:ApplicationToken"];
        if (!string.IsNullOrWhiteSpace(webhook) && !string.IsNullOrWhiteSpace(token) && WebhookUrl.Problem(webhook) is null)
        {
            if (!Same(form.ApplicationToken, token))
            {
                return (null, "application_token does not match Bitrix24:ApplicationToken");
            }

            var portal = WebhookUrl.ToPortal(webhook);
            _webhookPortalId ??= await mirror.EnsurePortalAsync(portal.Key, portal.Endpoint.Authority, "webhook", cancellationToken);
            return (new EventPortal(_webhookPortalId.Value, portal.Key, IsAppInstall: false), null);
        }

        return (null, install is null ? $"unknown member_id {form.MemberId}" : $"member_id {form.MemberId} has uninstalled the app");
    }

    private static bool Same(string presented, string stored) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(stored));
}
