namespace Connector.Templates.Ui;

/// <summary>
/// One problem of a template as the editor shows it: the field to blame in the file's own terms (<c>subject</c>,
/// <c>blocks[2].text</c>, <c>blocks[1].left[0].href</c>, <c>custom_fields</c>) and the message the file reader or
/// the compiler gives for it.
/// </summary>
public sealed record TemplateFieldError(string Field, string Message);
