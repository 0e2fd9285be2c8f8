namespace Connector.Sandbox;

/// <summary>One crm.automation.trigger.execute the portal accepted.</summary>
public sealed record SandboxTriggerRun(string Code, int OwnerTypeId, long OwnerId, DateTimeOffset At);
