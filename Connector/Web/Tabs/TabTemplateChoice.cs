namespace Connector.Web.Tabs;

/// <summary>A stored template offered on the card: its name and latest version.</summary>
public sealed record TabTemplateChoice(string Name, int Version);
