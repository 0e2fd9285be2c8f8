using Connector.Web.Settings.Domain;
using Connector.Web.Settings.Keys;
using Connector.Web.Settings.Portal;
using Connector.Web.Settings.Smtp;
using Connector.Web.Settings.Throttles;
using Connector.Web.Settings.Suppressions;
using Connector.Web.UiSession;

namespace Connector.Web.Settings;

/// <summary>
/// <c>/api/ui/settings/*</c>: the app page's Settings section, for portal admins only (every route
/// <see cref="UiApi.RequireAdmin{TBuilder}"/>: 403 to anyone else, and never to a card tab's token). Each sub-section
/// maps its own routes on top of the slices' services.
/// </summary>
public static class SettingsUiRoutes
{
    public static RouteGroupBuilder MapSettingsUi(this RouteGroupBuilder ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        var settings = ui.MapGroup("/settings").RequireAdmin().WithTags("ui-settings");
        settings.MapSuppressionsUi();
        settings.MapDomainUi();
        settings.MapSmtpUi();
        settings.MapKeysUi();
        settings.MapThrottlesUi();
        settings.MapPortalSettingsUi();
        return ui;
    }
}
