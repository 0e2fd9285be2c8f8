namespace Connector.Web.UiSession;

/// <summary>What <c>GET /api/ui/session</c> answers (never the token itself).</summary>
public sealed record UiSessionView(long UserId, bool IsAdmin, string Language, string Placement, long? EntityId, DateTimeOffset ExpiresAt)
{
    public static UiSessionView From(UiCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new UiSessionView(caller.UserId, caller.IsAdmin, caller.Language, UiPlacements.Name(caller.Placement), caller.EntityId, caller.ExpiresAt);
    }
}
