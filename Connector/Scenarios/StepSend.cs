namespace Connector.Scenarios;

/// <summary>What a send step did: its send key and the ledger row it enqueued, or why the queue refused it.</summary>
public sealed record StepSend
{
    public string Step { get; init; } = "";

    public string SendKey { get; init; } = "";

    public long? LedgerId { get; init; }

    public string? Refused { get; init; }
}
