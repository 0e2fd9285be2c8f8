namespace Connector.Scenarios;

/// <summary>
/// A condition's test: the e-mail of send step <see cref="Step"/> opened or clicked (machine hits do not count), a
/// field (<c>contact.UF_CRM_X</c>, <c>deal.UF_CRM_X</c>, or a plain field such as <c>deal.title</c>) equal to
/// <see cref="Value"/>, the deal's current stage being one of <see cref="Stages"/>, any e-mail to the contact opened or
/// clicked within <see cref="AnyWithin"/>, or the contact being in saved segment <see cref="Segment"/>.
/// </summary>
public sealed record StepCondition
{
    public required ConditionKind Kind { get; init; }

    public string? Step { get; init; }

    public string? Field { get; init; }

    public string? Value { get; init; }

    public IReadOnlyList<string> Stages { get; init; } = [];

    /// <summary>Opened/clicked any e-mail to this contact (not only this enrollment's) within this long before now.</summary>
    public TimeSpan? AnyWithin { get; init; }

    /// <summary>InSegment: the saved segment's name.</summary>
    public string? Segment { get; init; }
}
