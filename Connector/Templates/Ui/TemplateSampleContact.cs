namespace Connector.Templates.Ui;

/// <summary>A mirrored contact the preview can be rendered for: its CRM id, name and first valid e-mail.</summary>
public sealed record TemplateSampleContact
{
    public long Id { get; init; }

    public string Name { get; init; } = "";

    public string? Email { get; init; }
}
