namespace Connector.Scenarios;

public enum DecisionOutcome
{
    /// <summary>Go on to <see cref="Decision.NextStep"/> at <see cref="Decision.DueAt"/>.</summary>
    Continue,
    Completed,
    Exited,
}
