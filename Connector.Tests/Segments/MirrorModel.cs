namespace Connector.Tests.Segments;

/// <summary>
/// A small mirror held in memory: what <see cref="MirrorModelWriter"/> writes into a real store and
/// <see cref="SegmentReferenceEvaluator"/> evaluates segments on, so the two can be compared.
/// </summary>
internal sealed record MirrorModel(
    IReadOnlyList<MirrorModel.Contact> Contacts,
    IReadOnlyList<MirrorModel.Deal> Deals,
    IReadOnlyList<MirrorModel.Hit> Hits,
    IReadOnlyList<(string Recipient, string Kind)> Bounces,
    IReadOnlyList<(string Address, string Reason)> Suppressions,
    IReadOnlyList<(string Address, string List)> ListUnsubscribes)
{
    public static readonly (string Id, long Pipeline, string Name, string Semantic)[] Stages =
    [
        ("NEW", 0, "Новая", "P"), ("WON", 0, "Won", "S"), ("LOSE", 0, "Lost", "F"), ("C1:NEW", 1, "New", "P"), ("C1:WON", 1, "Won", "S"),
    ];

    public static readonly (long Id, string Name)[] Pipelines = [(0, "Sales"), (1, "Партнёры")];

    public sealed record Contact(long Id, string? Name, string? SecondName, string? LastName, long? Assigned, string? Created, string? Modified, bool Deleted,
        string? CustomJson, IReadOnlyList<string> Emails);

    public sealed record Deal(long Id, string? Title, string Stage, long Pipeline, string? Semantic, string? Amount, string? Currency, long? Assigned,
        string? Created, string? Modified, string? Moved, bool Deleted, string? CustomJson, IReadOnlyList<long> ContactIds);

    /// <summary>Scenario enrollments (scenarios "welcome" and "promo" exist in both portals); portal 2's are decoys.</summary>
    public IReadOnlyList<Enrollment> Enrollments { get; init; } = [];

    public static readonly string[] Scenarios = ["welcome", "promo"];

    /// <summary>The contact enrolled in <paramref name="Scenario"/>, in state active, completed or exited.</summary>
    public sealed record Enrollment(long ContactId, string Scenario, string State, int Portal);

    /// <summary>A tracking hit on a message of portal 1 (or of portal 2, which a portal-1 segment must not see).</summary>
    public sealed record Hit(long ContactId, string Kind, bool Machine, string At, int Portal);
}
