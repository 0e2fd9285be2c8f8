namespace Connector.Templates;

/// <summary>Why a template cannot be used: which template, the 1-based line when known, the variable when one is to blame.</summary>
public sealed record TemplateError(string Template, int? Line, string? Variable, string Message)
{
    public override string ToString() =>
        $"{Template}{(Line is { } line ? $":{line}" : "")}: {Message}{(Variable is null ? "" : $" ({Variable})")}";
}
