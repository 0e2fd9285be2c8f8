namespace Connector.Scenarios;

/// <summary>A to-do on a deal for its responsible manager.</summary>
public sealed record ScenarioTodo(long DealId, DateTimeOffset Deadline, string Title, string Description, long? ResponsibleId);
