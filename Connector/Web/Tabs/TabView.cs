namespace Connector.Web.Tabs;

/// <summary>
/// What a deal or contact card's tab shows, read from the local mirror only: the record, its contacts with their
/// addresses and suppression state, its e-mail history (newest first), and its scenario enrollments.
/// </summary>
public sealed record TabView(TabRecord Record, IReadOnlyList<TabContact> Contacts, IReadOnlyList<TabMessage> Messages, IReadOnlyList<TabEnrollment> Enrollments);
