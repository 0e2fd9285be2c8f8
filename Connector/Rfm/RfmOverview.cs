namespace Connector.Rfm;

/// <summary>
/// A portal's RFM picture for the app: when it was computed (null: never), the currency of monetary value, the 5×5
/// R×F cells, the named segments, and the monthly cohorts of first won deal with their retention.
/// </summary>
public sealed record RfmOverview(
    DateTimeOffset? ComputedAt, string? Currency, long Contacts, IReadOnlyList<RfmCell> Cells, IReadOnlyList<RfmSegmentSummary> Segments, IReadOnlyList<RfmCohort> Cohorts);
