using System.Text.Json;
using System.Text.Json.Serialization;
using Connector.Templates.Blocks;

namespace Connector.Templates;

/// <summary>
/// A template as stored (JSON or YAML file, store row): Liquid subject, preheader, and either blocks or raw HTML, an
/// optional hand-written text part, the locale for dates and money (none: <c>Templates:DefaultLocale</c>; a contact's
/// own locale wins), and the custom CRM fields it may use. Files are read by <see cref="TemplateFileReader"/>.
/// </summary>
public sealed record TemplateFile
{
    public string Name { get; init; } = "";

    public int Version { get; init; } = 1;

    public required string Subject { get; init; }

    public string? Preheader { get; init; }

    public string? Html { get; init; }

    public IReadOnlyList<Block>? Blocks { get; init; }

    public string? Text { get; init; }

    public string? Locale { get; init; }

    public IReadOnlyList<string> CustomFields { get; init; } = [];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static TemplateFile Parse(string json, string fallbackName) =>
        JsonSerializer.Deserialize<TemplateFile>(json, Json) is { } file
            ? file with { Name = string.IsNullOrWhiteSpace(file.Name) ? fallbackName : file.Name }
            : throw new JsonException($"{fallbackName}: empty template");
}
