using Connector.Crm.Bitrix24.Installs;

namespace Connector.Crm.Bitrix24.Placement;

/// <summary>
/// A verified viewer of a widget: the install, the portal's user (from <c>user.current</c>; 0 when the POST carried
/// only an APPLICATION_TOKEN), whether <c>user.admin</c> said they may manage apps, and until when the proof holds.
/// </summary>
public sealed record Bitrix24PlacementViewer(Bitrix24Install Install, long UserId, bool IsAdmin, DateTimeOffset Until);
