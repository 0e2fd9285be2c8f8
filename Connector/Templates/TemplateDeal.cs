namespace Connector.Templates;

/// <summary>A deal as templates see it: stage code and name, pipeline name, amount and currency, custom fields by their CRM code.</summary>
public sealed record TemplateDeal(
    long Id, string? Title, string? Stage, string? StageName, string? Pipeline, decimal? Amount, string? Currency, bool Closed, bool Won,
    IReadOnlyDictionary<string, string?>? Fields = null);
