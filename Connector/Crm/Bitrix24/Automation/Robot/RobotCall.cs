namespace Connector.Crm.Bitrix24.Automation.Robot;

/// <summary>
/// A robot run as the handler accepted it: the portal, the event token (and its hash, the redelivery key), the deal,
/// the property values, and — when the run is refused at once — the status to answer (<c>refused:REASON</c>).
/// </summary>
public sealed record RobotCall(
    long PortalId, string TokenHash, string EventToken, string? WorkflowId, string Code, long? DealId, string? Template, string? Kind, string? Delay, string? Refused);
