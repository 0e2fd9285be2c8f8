namespace Connector.Scenarios;

/// <summary>A send step of an enrollment and a kind of human hit (open, click) its message had.</summary>
public sealed record EngagementRow
{
    public string Step { get; init; } = "";

    public string Kind { get; init; } = "";
}
