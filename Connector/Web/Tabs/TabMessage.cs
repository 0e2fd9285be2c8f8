namespace Connector.Web.Tabs;

/// <summary>
/// One message of the card's history. <see cref="Status"/> is one of <see cref="TabStatuses"/>; <see cref="Name"/> is the
/// campaign's or scenario's name (with the scenario's <see cref="Step"/>); open and click times are the first human ones
/// (privacy proxies and scanners are counted in <see cref="Opens"/>/<see cref="Clicks"/> but not in the human figures).
/// </summary>
public sealed record TabMessage(
    long Id, string Status, string Name, string Kind, string? Step, string Recipient, string RecipientDisplay, long ContactId,
    string QueuedAt, string? SentAt, string? OpenedAt, long Opens, long HumanOpens, string? ClickedAt, long Clicks, long HumanClicks,
    string? UnsubscribedAt, string? Detail, IReadOnlyList<TabLink> Links);
