namespace Connector.Web.UiSession;

/// <summary>
/// Who a UI session token speaks for: a verified viewer of one portal (its user id, and whether the portal says they
/// may manage apps — Bitrix24's <c>user.admin</c>), the page's language, and, for a tab, the one record it may read.
/// </summary>
public sealed record UiCaller(
    long PortalId, string MemberId, long UserId, bool IsAdmin, string Language, UiPlacement Placement, long? EntityId, DateTimeOffset ExpiresAt)
{
    /// <summary>A tab's token reads only its own record; the app page's reads the whole portal.</summary>
    public bool IsTab => Placement != UiPlacement.App;

    /// <summary>True when this token may read <paramref name="placement"/>'s record <paramref name="id"/>.</summary>
    public bool MayRead(UiPlacement placement, long id) => !IsTab || (Placement == placement && EntityId == id);
}
