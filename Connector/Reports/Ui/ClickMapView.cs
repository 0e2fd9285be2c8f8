namespace Connector.Reports.Ui;

/// <summary>
/// A report's click map: the letter as rendered from its template (with sample data, never a contact's) and a badge
/// per link, to be shown in a sandboxed iframe; the template it came from; and every clicked link with its counts,
/// <c>InLetter</c> false for a link the rendered copy does not hold (a personalised address). Html is null when no
/// stored letter or template can be rendered (<see cref="Problem"/> says why).
/// </summary>
public sealed record ClickMapView(string? Html, string? Template, long? Version, string? Problem, IReadOnlyList<ClickMapLink> Links);
