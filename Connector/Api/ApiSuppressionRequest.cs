namespace Connector.Api;

/// <summary>The body of <c>POST /api/v1/suppressions</c>: the address and the reason (only <c>manual</c>).</summary>
public sealed record ApiSuppressionRequest(string? Address, string? Reason);
