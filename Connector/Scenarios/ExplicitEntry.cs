namespace Connector.Scenarios;

/// <summary>
/// One explicit entry into a scenario (the api trigger, the Bitrix24 robot): the deal or contact, the caller's entry
/// key (the same key enters once: a replay gets the first enrollment back), the variables every send of it gets as
/// <c>vars.*</c>, and the fingerprint of the request (the same key with another body is a conflict).
/// </summary>
public sealed record ExplicitEntry
{
    public required SubjectKind Subject { get; init; }

    public required long SubjectId { get; init; }

    public required string EntryKey { get; init; }

    public IReadOnlyDictionary<string, string?> Variables { get; init; } = new Dictionary<string, string?>();

    public string? RequestHash { get; init; }
}
