namespace Connector.Templates;

/// <summary>A compiled template, or every error found in it (parse errors and unknown variables of all parts).</summary>
public sealed record TemplateCompileResult(CompiledTemplate? Template, IReadOnlyList<TemplateError> Errors);
