namespace Connector.Timeline;

/// <summary>
/// A portal as the dispatcher sees it. <see cref="Available"/> false (uninstalled, needs re-authorisation, unknown):
/// its entries stay pending. <see cref="SupportsTriggers"/> false in webhook mode, where app triggers do not exist.
/// </summary>
public sealed record CrmTimelinePortal(long PortalId, string Key, bool Available, string Language, bool SupportsTriggers, string? Reason = null);
