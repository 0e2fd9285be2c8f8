namespace Connector.Web.UiSession;

/// <summary>Where a page is shown: the app's own page, or a tab on one deal's or one contact's card.</summary>
public enum UiPlacement
{
    App,
    DealTab,
    ContactTab,
}
