namespace Connector.Web.Tabs;

/// <summary>What "enroll in scenario" did: the enrollment and its scenario.</summary>
public sealed record TabEnrolled(long Id, string Scenario, string State);
