namespace Connector.Tests.E2e;

/// <summary>A letter's ledger row once sent: its id and when it was marked sent (the start of the machine-open window).</summary>
internal sealed record SentLetter(long Id, string UpdatedAt);
