using Connector.Sandbox.Events;

namespace Connector.Sandbox;

/// <summary>Counters for tests and benchmarks: HTTP requests, calls per method (batch sub-calls included), rejections.</summary>
public sealed record SandboxStats(
    long RequestsServed,
    IReadOnlyDictionary<string, long> CallsPerMethod,
    long QueryLimitRejections,
    long OperatingLimitRejections)
{
    /// <summary>Successful refresh_token grants at the OAuth server.</summary>
    public long TokenRefreshes { get; init; }

    public SandboxEventStats Events { get; init; } = SandboxEventStats.Empty;
}
