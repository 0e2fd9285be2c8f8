namespace Connector.Scenarios.Ui;

/// <summary><c>crm-esp scenario dry-run</c>'s answer for the page: how many would enter now, who is skipped and why, and the first entries with names.</summary>
public sealed record ScenarioDryRun(int WouldEnter, int SkippedLate, int SkippedReEntry, int SkippedActive, IReadOnlyList<DryRunEntry> Sample);
