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
        ArgumentException.ThrowIfNullOrEmpty(placement);
        Uri target;
        List<KeyValuePair<string, string>> form;
        string authId;
        lock (_lock)
        {
            if (!_installed)
            {
                throw new InvalidOperationException("Widgets stay hidden until the app's install is finished.");
            }

            var binding = _placements.FirstOrDefault(p => string.Equals(p.Placement, placement, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidOperationException($"No handler is bound to {placement}.");
            if (userId is { } viewer && UserById(viewer) is null)
            {
                throw new InvalidOperationException($"The portal has no user {viewer}.");
            }

            var grant = _tokens.Issue(userId);
            authId = grant.AccessToken;
            var query = $"DOMAIN={Uri.EscapeDataString(DomainCore)}&PROTOCOL={(ClientEndpointCore.Scheme == Uri.UriSchemeHttps ? "1" : "0")}&LANG={LanguageId}&APP_SID={OAuth.SandboxTokenStore.NewHex()}";
            var builder = new UriBuilder(binding.Handler);
            builder.Query = string.IsNullOrEmpty(builder.Query) ? query : builder.Query.TrimStart('?') + "&" + query;
            target = builder.Uri;
            form =
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
        }

        var (status, body) = await PostFormAsync(target, form, InstallerPageTimeout, cancellationToken);
        return new SandboxPlacementResult(status, body, authId);
    }
}
