namespace Connector.Scenarios;

/// <summary>One branch of a split: its share in percent and the step it goes to (null: the step after the split).</summary>
public sealed record SplitBranch(int Percent, string? Goto);
