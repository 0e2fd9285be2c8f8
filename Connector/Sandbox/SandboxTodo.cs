namespace Connector.Sandbox;

/// <summary>A to-do (crm.activity.todo.add) the sandbox holds: its owner (2 deal), deadline as sent, title, description, responsible user.</summary>
public sealed record SandboxTodo(long Id, int OwnerTypeId, long OwnerId, string Deadline, string Title, string Description, long ResponsibleId, DateTimeOffset Created);
