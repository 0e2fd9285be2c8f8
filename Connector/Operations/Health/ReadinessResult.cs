namespace Connector.Operations.Health;

/// <summary>
/// A check's answer: its name (<c>store</c>, <c>scheduler</c>, <c>sync_age:PORTAL</c>, <c>smtp:TRANSPORT</c>), whether
/// it passed and a short fixed phrase (never an exception's text: the endpoint is unauthenticated).
/// </summary>
public sealed record ReadinessResult(string Name, bool Ready, string Detail);
