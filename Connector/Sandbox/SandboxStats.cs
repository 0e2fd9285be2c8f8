namespace Connector.Sandbox;

/// <summary>Counters for tests and benchmarks: HTTP requests, calls per method (batch sub-calls included), rejections.</summary>
public sealed record SandboxStats(
    long RequestsServed,
    IReadOnlyDictionary<string, long> CallsPerMethod,
    long QueryLimitRejections,
    long OperatingLimitRejections);
