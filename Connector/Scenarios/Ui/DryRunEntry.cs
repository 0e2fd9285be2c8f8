namespace Connector.Scenarios.Ui;

/// <summary>One entry a dry run found: the deal and/or contact (with the mirror's title and name) and when its trigger happened.</summary>
public sealed record DryRunEntry(long? Deal, string? DealTitle, long? Contact, string? ContactName, string At);
