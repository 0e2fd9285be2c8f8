namespace Connector.Templates;

/// <summary>A contact as templates see it (from the mirror); custom fields by their CRM code.</summary>
public sealed record TemplateContact(long Id, string? Name, string? LastName, string? SecondName, string? Email, string? Locale, IReadOnlyDictionary<string, string?> Fields);
