namespace Connector.Scenarios;

/// <summary><c>once</c> per deal or contact, at most once per <see cref="Period"/>, or <c>always</c>.</summary>
public sealed record ReEntryRule
{
    public ReEntryMode Mode { get; init; } = ReEntryMode.Once;

    public TimeSpan? Period { get; init; }
}
