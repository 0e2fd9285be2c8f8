namespace Connector.Scenarios;

/// <summary>"Until a weekday/time window": the first instant on one of <see cref="Days"/> between <see cref="From"/> and <see cref="To"/>, in the contact's time zone.</summary>
public sealed record WaitWindow
{
    public required IReadOnlyList<DayOfWeek> Days { get; init; }

    public required TimeOnly From { get; init; }

    public required TimeOnly To { get; init; }
}
