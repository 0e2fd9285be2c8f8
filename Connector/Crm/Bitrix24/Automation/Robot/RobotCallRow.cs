namespace Connector.Crm.Bitrix24.Automation.Robot;

/// <summary>A <c>robot_calls</c> row (0024); <see cref="EventToken"/> is the portal's key for bizproc.event.send: never logged.</summary>
public sealed record RobotCallRow
{
    public long Id { get; init; }

    public long PortalId { get; init; }

    public string EventToken { get; init; } = "";

    public string Code { get; init; } = "";

    public long? DealId { get; init; }

    public string? Template { get; init; }

    public string? Kind { get; init; }

    public string? Delay { get; init; }

    public long? EnrollmentId { get; init; }

    public string AnswerState { get; init; } = "";

    public string? Status { get; init; }

    public string? MessageId { get; init; }

    public long Attempts { get; init; }

    public string? Reason { get; init; }
}
