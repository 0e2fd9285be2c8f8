namespace Connector.Scenarios;

/// <summary>
/// The trigger of a scenario: a deal entering <see cref="Stage"/> of <see cref="Pipeline"/> (optionally only from
/// <see cref="FromStage"/>), a deal created (optionally in <see cref="Pipeline"/>), or a contact created.
/// </summary>
public sealed record ScenarioTrigger
{
    public required TriggerKind Kind { get; init; }

    public long? Pipeline { get; init; }

    public string? Stage { get; init; }

    public string? FromStage { get; init; }

    /// <summary>The 1-based line of the trigger's stage (or of the trigger) in its file, for the mirror's checks.</summary>
    public int Line { get; init; }

    /// <summary>Deal triggers enroll deals (their first contact is mailed); contact triggers enroll contacts.</summary>
    public bool EnrollsDeals => Kind is TriggerKind.DealEnteredStage or TriggerKind.DealCreated;
}
