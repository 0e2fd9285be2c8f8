namespace Connector.Crm.Bitrix24.Events;

/// <summary>The portal an authenticated event belongs to.</summary>
public sealed record EventPortal(long PortalId, string PortalKey, bool IsAppInstall);
