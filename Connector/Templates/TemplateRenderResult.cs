using Connector.Sending.Composing;

namespace Connector.Templates;

/// <summary>A rendered letter, or why the template could not render for this contact (a limit, a failing filter).</summary>
public sealed record TemplateRenderResult(Letter? Letter, TemplateError? Error);
