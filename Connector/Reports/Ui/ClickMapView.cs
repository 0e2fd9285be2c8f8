namespace Connector.Reports.Ui;

/// <summary>
/// A report's click map: the letter as rendered from its template (with sample data, never a contact's) and a badge
/// per link, to be shown in a sandboxed iframe; the template it came from; and every clicked link with its counts,
/// <c>InLetter</c> false for a link the rendered copy does not hold (a personalised address). Html is null when no
/// letter can be rendered: <see cref="Problem"/> says why as a code the page words (<see cref="NoLetter"/>,
/// <see cref="NotStored"/>, <see cref="NotCompiling"/>, <see cref="RenderFailed"/> with the engine's words in
/// <see cref="ProblemDetail"/>).
/// </summary>
public sealed record ClickMapView(string? Html, string? Template, long? Version, string? Problem, string? ProblemDetail, IReadOnlyList<ClickMapLink> Links)
{
    /// <summary>Nothing was sent from a stored template (a CLI campaign keeps its letter in memory).</summary>
    public const string NoLetter = "no_letter";

    /// <summary>The template (or the version the letters used) is no longer in the store.</summary>
    public const string NotStored = "not_stored";

    public const string NotCompiling = "not_compiling";

    public const string RenderFailed = "render_failed";
}
