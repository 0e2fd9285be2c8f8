namespace Connector.Templates.Ui;

/// <summary>A variable the editor's picker offers: its group (contact, deal, sender, letter) and the Liquid it inserts.</summary>
public sealed record TemplateVariable(string Group, string Path, string Liquid);
