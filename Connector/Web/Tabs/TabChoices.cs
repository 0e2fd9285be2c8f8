namespace Connector.Web.Tabs;

/// <summary>What the card's manager may send or enroll: the stored templates (latest version) and the portal's active api-triggered scenarios.</summary>
public sealed record TabChoices(IReadOnlyList<TabTemplateChoice> Templates, IReadOnlyList<string> Scenarios);
