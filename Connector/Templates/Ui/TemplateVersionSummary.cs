namespace Connector.Templates.Ui;

/// <summary>One saved version of a template: its number, subject and when it was saved.</summary>
public sealed record TemplateVersionSummary
{
    public long Version { get; init; }

    public string Subject { get; init; } = "";

    public string CreatedAt { get; init; } = "";
}
