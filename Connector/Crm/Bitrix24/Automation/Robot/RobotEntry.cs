namespace Connector.Crm.Bitrix24.Automation.Robot;

/// <summary>The enrollment a robot run made (or found again for its entry key), or why none was made.</summary>
public sealed record RobotEntry(long? EnrollmentId, string? Refused, string? Detail);
