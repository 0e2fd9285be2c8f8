namespace Connector.Campaigns.Experiments;

/// <summary>
/// The outcome of an A/B test. <see cref="Winner"/> is null when the data does not show one at <see cref="Alpha"/>
/// (not enough sends, or a difference the test cannot tell from chance). <see cref="PValue"/> is the largest
/// Holm-adjusted two-sided p-value of the best variant against each other one (1 when not tested);
/// <see cref="Lift"/> the best rate minus the runner-up's (0.05 = five percentage points).
/// </summary>
public sealed record WinnerVerdict(string? Winner, double PValue, double Alpha, double Lift, string Reason);
