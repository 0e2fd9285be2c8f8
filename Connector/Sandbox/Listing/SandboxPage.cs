namespace Connector.Sandbox.Listing;

/// <summary>One page of a list method: the rows, <c>total</c> (0 when start=-1 skipped the count) and <c>next</c>.</summary>
public sealed record SandboxPage<T>(IReadOnlyList<T> Rows, int Total, int? Next);
