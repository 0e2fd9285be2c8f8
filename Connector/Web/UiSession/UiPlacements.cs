namespace Connector.Web.UiSession;

/// <summary>The placements' names on the wire (the page's context and <c>/api/ui/session</c>).</summary>
public static class UiPlacements
{
    public static string Name(UiPlacement placement) => placement switch
    {
        UiPlacement.DealTab => "deal-tab",
        UiPlacement.ContactTab => "contact-tab",
        _ => "app",
    };
}
