namespace Connector.Scenarios.Ui;

/// <summary>
/// One validation error of a save, as the file import reports it (same message, same line) plus where it is: the field
/// path (<c>steps[2].send.template</c>, <c>trigger.stage</c>, <c>source</c>) and the step's index and id when it is a step's.
/// </summary>
public sealed record ScenarioProblemItem(string Field, int Line, int? StepIndex, string? Step, string Message);
