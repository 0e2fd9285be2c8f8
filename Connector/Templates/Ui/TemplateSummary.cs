namespace Connector.Templates.Ui;

/// <summary>One template of the portal as the page lists it: name, the latest version's subject, when it was last saved, how many versions.</summary>
public sealed record TemplateSummary
{
    public string Name { get; init; } = "";

    public string Subject { get; init; } = "";

    public string UpdatedAt { get; init; } = "";

    public long Versions { get; init; }

    public long Latest { get; init; }
}
