namespace Connector.Web.Tabs;

/// <summary>The body of "enroll in scenario": the name of one of the portal's active api-triggered scenarios.</summary>
public sealed record TabEnrollBody(string? Scenario);
