using System.Globalization;

namespace Connector.Sandbox;

public sealed partial class SandboxPortal
{
    /// <summary>
    /// A user opens a bound widget (a deal or contact tab, a list-menu item): the portal POSTs to its handler with
    /// DOMAIN, PROTOCOL, LANG and APP_SID in the query and the viewer's tokens, member_id, status, PLACEMENT and
    /// PLACEMENT_OPTIONS (a JSON string, <c>{"ID":"8061"}</c>) in the form body (api-reference/widgets/_includes/widget_data.md,
    /// widgets/crm/detail-tab.md). That documented list has no APPLICATION_TOKEN, so none is sent unless
    /// <paramref name="withApplicationToken"/> asks for it (as settings/oauth/simple-way.md's example shows).
    /// Widgets stay hidden until the install is finished (widgets/placement-bind.md).
    /// </summary>
    /// <remarks>The viewer is <paramref name="userId"/> (the installing admin by default): the tokens in the form are theirs.</remarks>
    public async Task<SandboxPlacementResult> OpenPlacementAsync(string placement, long? entityId, bool withApplicationToken, CancellationToken cancellationToken, long? userId = null)
    {
        var form = PlacementForm(placement, entityId, withApplicationToken, userId, LanguageId);
        var (status, body) = await PostFormAsync(form.Target, [.. form.Fields], InstallerPageTimeout, cancellationToken);
        return new SandboxPlacementResult(status, body, form.AuthId);
    }

    /// <summary>
    /// The placement form for <paramref name="userId"/> (the installing admin by default) in <paramref name="language"/>,
    /// with fresh tokens of that viewer and a new APP_SID, without posting it: <see cref="OpenPlacementAsync"/> posts it
    /// from the server, the sandbox's portal page (<see cref="Portal.SandboxPortalPage"/>) from the browser into a named frame.
    /// </summary>
    /// <exception cref="InvalidOperationException">The install is not finished, nothing is bound to the placement, or no such user.</exception>
    public SandboxPlacementForm PlacementForm(string placement, long? entityId, bool withApplicationToken, long? userId, string language)
    {
        ArgumentException.ThrowIfNullOrEmpty(placement);
        ArgumentException.ThrowIfNullOrEmpty(language);
        lock (_lock)
        {
            if (!_installed)
            {
                throw new InvalidOperationException("Widgets stay hidden until the app's install is finished.");
            }

            var binding = _placements.FirstOrDefault(p => string.Equals(p.Placement, placement, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidOperationException($"No handler is bound to {placement}.");
            var viewer = UserById(userId ?? Options.WebhookUserId)
                ?? throw new InvalidOperationException($"The portal has no user {userId}.");
            var grant = _tokens.Issue(userId);
            var appSid = OAuth.SandboxTokenStore.NewHex();
            var query = $"DOMAIN={Uri.EscapeDataString(DomainCore)}&PROTOCOL={(ClientEndpointCore.Scheme == Uri.UriSchemeHttps ? "1" : "0")}&LANG={Uri.EscapeDataString(language)}&APP_SID={appSid}";
            var builder = new UriBuilder(binding.Handler);
            builder.Query = string.IsNullOrEmpty(builder.Query) ? query : builder.Query.TrimStart('?') + "&" + query;
            List<KeyValuePair<string, string>> form =
            [
                new("AUTH_ID", grant.AccessToken),
                new("AUTH_EXPIRES", grant.ExpiresIn.ToString(CultureInfo.InvariantCulture)),
                new("REFRESH_ID", grant.RefreshToken),
                new("SERVER_ENDPOINT", ServerEndpointCore),
                new("member_id", Options.MemberId),
                new("status", AppStatus),
                new("PLACEMENT", binding.Placement),
            ];
            if (entityId is { } id)
            {
                form.Add(new("PLACEMENT_OPTIONS", $"{{\"ID\":\"{id.ToString(CultureInfo.InvariantCulture)}\"}}"));
            }

            if (withApplicationToken && _applicationToken is { } applicationToken)
            {
                form.Add(new("APPLICATION_TOKEN", applicationToken));
            }

            return new SandboxPlacementForm(builder.Uri, form, binding.Placement, entityId, appSid, language, grant.AccessToken, grant.RefreshToken,
                grant.ExpiresIn, viewer.Id, viewer.IsAdmin);
        }
    }
}
