namespace Connector.Scenarios;

/// <summary>
/// The trigger of a scenario: a deal entering <see cref="Stage"/> of <see cref="Pipeline"/> (optionally only from
/// <see cref="FromStage"/>), a deal created (optionally in <see cref="Pipeline"/>), a contact created; a deal idle
/// <see cref="Days"/> in a stage; a date <see cref="Field"/> reached (± <see cref="Offset"/>, at <see cref="At"/>, every
/// year when <see cref="EveryYear"/>); no won deal for <see cref="Days"/>; a contact entering saved <see cref="Segment"/>.
/// </summary>
public sealed record ScenarioTrigger
{
    public required TriggerKind Kind { get; init; }

    public long? Pipeline { get; init; }

    public string? Stage { get; init; }

    public string? FromStage { get; init; }

    /// <summary>deal_idle: days without a stage change; no_won_deal: days since the contact's last won deal.</summary>
    public int? Days { get; init; }

    /// <summary>date_field: <c>contact.UF_CRM_X</c> or <c>deal.UF_CRM_X</c> (a custom date field).</summary>
    public string? Field { get; init; }

    /// <summary>date_field: added to the date (<c>-7d</c>: a week before).</summary>
    public TimeSpan? Offset { get; init; }

    /// <summary>date_field: the local time of day (in the contact's zone) it fires at.</summary>
    public TimeOnly? At { get; init; }

    /// <summary>date_field: the date's anniversary every year (a birthday), not the date once (a contract end).</summary>
    public bool EveryYear { get; init; }

    /// <summary>segment_entered: the saved segment's name.</summary>
    public string? Segment { get; init; }

    /// <summary>rfm_entered: the RFM segment's code (<c>at_risk</c>, <c>champions</c>, …).</summary>
    public string? Rfm { get; init; }

    /// <summary>The 1-based line of the trigger's stage (or of the trigger) in its file, for the mirror's checks.</summary>
    public int Line { get; init; }

    /// <summary>Deal triggers enroll deals (their first contact is mailed); contact triggers enroll contacts.</summary>
    public bool EnrollsDeals => Kind is TriggerKind.DealEnteredStage or TriggerKind.DealCreated or TriggerKind.DealIdle
        || (Kind == TriggerKind.DateField && Field?.StartsWith("deal.", StringComparison.Ordinal) == true);

    /// <summary>Scan triggers find occurrences on each pass (keyed, recorded once) instead of new rows after a cursor.</summary>
    public bool Scans => Kind is TriggerKind.DealIdle or TriggerKind.DateField or TriggerKind.NoWonDeal or TriggerKind.SegmentEntered or TriggerKind.RfmEntered;
}
