namespace Connector.Scenarios.Ui;

/// <summary>A scenario on the app's list: state (active, paused, stopped, with the reason it paused itself), current version, trigger type and counts.</summary>
public sealed record ScenarioListItem(
    long Id, string Name, string State, string? StateReason, long Version, long? PinnedVersion, string? Trigger,
    long Enrolled, long Waiting, long Completed, long Exited, long SkippedLate, bool Internal);
