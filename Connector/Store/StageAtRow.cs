namespace Connector.Store;

/// <summary>The stage a deal was in at some instant, per the recorded transitions.</summary>
public sealed record StageAtRow
{
    public required string Stage { get; init; }

    public required long Pipeline { get; init; }
}
