namespace Connector.Sandbox;

public sealed partial class SandboxPortal
{
    private readonly List<SandboxTimelineEntry> _timeline = [];
    private readonly List<SandboxUserFieldRow> _contactUserFields = [.. SandboxUserFields.Definitions.Where(f => f.EntityId == "CRM_CONTACT")];
    private readonly List<SandboxUserFieldRow> _dealUserFields = [.. SandboxUserFields.Definitions.Where(f => f.EntityId == "CRM_DEAL")];
    private readonly List<KeyValuePair<string, string>> _triggers = [];
    private readonly List<SandboxTriggerRun> _triggerRuns = [];
    private long _nextTimelineId = 1;
    private long _nextUserFieldId = 400;

    /// <summary>Timeline log messages and comments, oldest first.</summary>
    public IReadOnlyList<SandboxTimelineEntry> Timeline => Snapshot(_timeline);

    public IReadOnlyList<SandboxUserFieldRow> ContactUserFieldRows => Snapshot(_contactUserFields);

    /// <summary>The app's registered triggers (CODE → NAME).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Triggers => Snapshot(_triggers);

    public IReadOnlyList<SandboxTriggerRun> TriggerRuns => Snapshot(_triggerRuns);

    /// <summary>The timeline of one record, as a CRM user sees it on the card (newest last).</summary>
    public IReadOnlyList<SandboxTimelineEntry> TimelineOf(int entityTypeId, long entityId)
    {
        lock (_lock)
        {
            return [.. _timeline.Where(e => e.EntityTypeId == entityTypeId && e.EntityId == entityId)];
        }
    }

    internal List<SandboxTimelineEntry> TimelineList => _timeline;

    internal List<SandboxUserFieldRow> ContactUserFieldList => _contactUserFields;

    internal List<SandboxUserFieldRow> DealUserFieldList => _dealUserFields;

    internal List<KeyValuePair<string, string>> TriggerList => _triggers;

    internal List<SandboxTriggerRun> TriggerRunList => _triggerRuns;

    internal long NextTimelineId() => _nextTimelineId++;

    internal long NextUserFieldId() => _nextUserFieldId++;

    /// <summary>Whether the record exists: 2 deal, 3 contact; other types are not held by the sandbox.</summary>
    internal bool OwnerExists(int entityTypeId, long entityId) => entityTypeId switch
    {
        2 => FindDeal(entityId) is not null,
        3 => FindContact(entityId) is not null,
        _ => false,
    };
}
