namespace Connector.Templates.Ui;

/// <summary>A rendered preview: subject, preheader, the HTML (shown only in a sandboxed frame), the text part, and whether that text was derived from the HTML.</summary>
public sealed record TemplatePreviewView(string Subject, string? Preheader, string Html, string Text, bool TextGenerated);
