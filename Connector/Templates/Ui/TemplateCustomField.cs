namespace Connector.Templates.Ui;

/// <summary>
/// A custom CRM field the portal's mirror holds, as the variable picker offers it: whose field it is (<c>contact</c>
/// or <c>deal</c>), its code, what a template declares in <c>custom_fields</c> for it, the Liquid that reads it, and
/// one mirrored value as an example (CRM data: shown as text).
/// </summary>
public sealed record TemplateCustomField(string Owner, string Code, string Declare, string Liquid, string? Example, string? Label = null);
