using Connector.Campaigns.Ui;
using Connector.Segments.Ui;

namespace Connector.Web.UiSession;

/// <summary>
/// The one list of the slices' <c>/api/ui</c> routes. Each slice owns a <c>MapXxxUi(RouteGroupBuilder)</c> next to its
/// code and adds one line here.
/// </summary>
internal static class UiApiRoutes
{
    public static void Map(RouteGroupBuilder ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        Scenarios.Ui.ScenariosUi.MapScenariosUi(ui);
        Rfm.RfmUi.MapRfmUi(ui);
        Connector.Templates.Ui.TemplatesUi.MapTemplatesUi(ui);
        ui.MapSegmentsUi();
        ui.MapCampaignsUi();
        Settings.SettingsUiRoutes.MapSettingsUi(ui);
        Connector.Reports.Ui.ReportsUi.MapReportsUi(ui);
        Tabs.TabEndpoints.MapTabUi(ui);
    }
}
