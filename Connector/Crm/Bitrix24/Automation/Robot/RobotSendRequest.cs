namespace Connector.Crm.Bitrix24.Automation.Robot;

/// <summary>One robot run to enter: the deal, the template, transactional or marketing mail, the delay, and the entry key (one per event token).</summary>
public sealed record RobotSendRequest(long PortalId, long DealId, string Template, bool Transactional, TimeSpan Delay, string EntryKey);
