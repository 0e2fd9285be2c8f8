namespace Connector.Scenarios;

/// <summary>
/// A condition's test: the e-mail of send step <see cref="Step"/> opened or clicked (machine hits do not count), a
/// field (<c>contact.UF_CRM_X</c>, <c>deal.UF_CRM_X</c>, or a plain field such as <c>deal.title</c>) equal to
/// <see cref="Value"/>, or the deal's current stage being one of <see cref="Stages"/>.
/// </summary>
public sealed record StepCondition
{
    public required ConditionKind Kind { get; init; }

    public string? Step { get; init; }

    public string? Field { get; init; }

    public string? Value { get; init; }

    public IReadOnlyList<string> Stages { get; init; } = [];
}
