namespace Connector.Scenarios;

/// <summary>A <c>scenarios</c> row with its enrollment counts.</summary>
public sealed record ScenarioRow
{
    public long Id { get; init; }

    public long PortalId { get; init; }

    public string Name { get; init; } = "";

    public string State { get; init; } = "";

    public string? StateReason { get; init; }

    public long CurrentVersion { get; init; }

    /// <summary>The version new enrollments start on when pinned (crm-esp scenario pin), else null.</summary>
    public long? PinnedVersion { get; init; }

    /// <summary>Scan triggers act on occurrences from this instant on (UTC text): the import, or a resume after stop.</summary>
    public string ScanFrom { get; init; } = "";

    /// <summary>The last scan pass's instant (UTC text), null before the first.</summary>
    public string? ScanAt { get; init; }

    /// <summary>The version new enrollments start on: the pinned one, else the latest.</summary>
    public long EntryVersion => PinnedVersion ?? CurrentVersion;

    public long TransitionCursor { get; init; }

    public long DealCursor { get; init; }

    public long ContactCursor { get; init; }

    public long SkippedLate { get; init; }

    public long Enrolled { get; init; }

    public long Active { get; init; }

    public long Completed { get; init; }

    public long Exited { get; init; }
}
