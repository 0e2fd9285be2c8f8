namespace Connector.Web.Tabs;

/// <summary>A link of a message that was clicked: how often (raw and human) and when first by a person.</summary>
public sealed record TabLink(string Url, long Clicks, long HumanClicks, string? FirstClickAt);
