namespace Connector.Scenarios;

/// <summary>
/// One step's figures for a version: enrollments that reached it (at it now, at or past a step every path to which
/// runs through it, or recorded by its send or CRM outcome), waiting at it now, its e-mails sent (the ledger row is
/// <c>sent</c>), opened and clicked (human hits; a click counts as an open), and enrollments that left the scenario at it.
/// </summary>
public sealed record StepFunnel(string Step, string Kind, long Entered, long Waiting, long Sent, long Opened, long Clicked, long Exited, long Completed);
