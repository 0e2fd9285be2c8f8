using Connector.Campaigns.Experiments;

namespace Connector.Reports.Ui;

/// <summary>
/// A campaign's experiment: its mode and metric, the variants, the verdict stored when the test share was decided (null
/// until then, and for a bandit), and the same test (<see cref="TwoProportionTest"/>) over every message so far, with its
/// confidence (1 − the Holm-adjusted p-value).
/// </summary>
public sealed record AbResultView(
    string Mode, string WinnerBy, IReadOnlyList<AbVariantView> Variants, WinnerVerdict? Decided, WinnerVerdict? Current, double? Confidence);
