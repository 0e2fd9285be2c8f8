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
        Tabs.TabEndpoints.MapTabUi(ui);
    }
}
