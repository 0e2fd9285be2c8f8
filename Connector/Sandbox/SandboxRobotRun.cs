namespace Connector.Sandbox;

/// <summary>
/// One run of a placed robot on a deal: the event token the portal signed, the form it POSTed to the HANDLER, whether
/// the robot is closed (the first valid bizproc.event.send closes it), the return values that send carried (keys matched
/// to RETURN_PROPERTIES case-insensitively, unknown keys dropped) and how many sends came in all.
/// </summary>
public sealed record SandboxRobotRun(string EventToken, string Code, long DealId, IReadOnlyList<KeyValuePair<string, string>> Form, DateTimeOffset StartedAt)
{
    public bool Closed { get; init; }

    public IReadOnlyDictionary<string, string>? ReturnValues { get; init; }

    public int Sends { get; init; }
}
