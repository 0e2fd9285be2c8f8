namespace Connector.Crm.Bitrix24.Automation.Robot;

/// <summary>
/// The result of a robot's send: <see cref="Status"/> is the ledger state it settled in (sent, failed, unknown, expired,
/// suppressed) or <c>refused:REASON</c> (not queued, or the enrollment ended first); <see cref="MessageId"/> is the message's id.
/// </summary>
public sealed record RobotSendResult(long EnrollmentId, string Status, long? MessageId);
