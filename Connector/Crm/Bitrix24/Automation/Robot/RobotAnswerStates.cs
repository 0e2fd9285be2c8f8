namespace Connector.Crm.Bitrix24.Automation.Robot;

/// <summary>The <c>robot_calls.answer_state</c> values (0024's CHECK).</summary>
public static class RobotAnswerStates
{
    public const string Waiting = "waiting";
    public const string Due = "due";
    public const string Sending = "sending";
    public const string Answered = "answered";
    public const string Unknown = "unknown";
    public const string Failed = "failed";
}
