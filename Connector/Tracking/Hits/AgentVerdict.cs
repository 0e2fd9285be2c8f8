namespace Connector.Tracking.Hits;

/// <summary>The class of the agent and, when the agent alone makes the hit a machine's, why (<c>machine_reason</c>).</summary>
public readonly record struct AgentVerdict(AgentClass Class, string? MachineReason);
