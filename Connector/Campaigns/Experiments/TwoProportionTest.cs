using System.Globalization;

namespace Connector.Campaigns.Experiments;

/// <summary>
/// Decides an A/B winner with the two-proportion z-test (pooled variance), not by the larger raw number: the variant with
/// the highest rate wins only when its difference from every other variant is significant at alpha after Holm's
/// adjustment for the number of comparisons. Each variant needs at least <see cref="MinimumExpected"/> expected
/// successes and failures under the pooled rate (the normal approximation's rule), else there is no verdict yet.
/// </summary>
public static class TwoProportionTest
{
    public const double MinimumExpected = 5;

    public static WinnerVerdict Decide(IReadOnlyList<VariantCounts> variants, double alpha = 0.05, string metric = "successes")
    {
        ArgumentNullException.ThrowIfNull(variants);
        if (variants.Count < 2)
        {
            throw new ArgumentException("an A/B test needs at least two variants", nameof(variants));
        }

        if (alpha is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be between 0 and 1");
        }

        foreach (var v in variants)
        {
            if (v.Sent < 0 || v.Successes < 0 || v.Successes > v.Sent)
            {
                throw new ArgumentException($"variant {v.Variant}: successes must be between 0 and sent", nameof(variants));
            }
        }

        var ranked = variants.OrderByDescending(v => v.Rate).ThenBy(v => v.Variant, StringComparer.Ordinal).ToList();
        var best = ranked[0];
        var lift = best.Rate - ranked[1].Rate;
        var pooledAll = (double)variants.Sum(v => v.Successes) / Math.Max(1, variants.Sum(v => v.Sent));
        var thin = variants.FirstOrDefault(v => v.Sent * pooledAll < MinimumExpected || v.Sent * (1 - pooledAll) < MinimumExpected);
        if (thin is not null)
        {
            return new WinnerVerdict(null, 1, alpha, lift,
                $"no winner yet: too few {metric} to test ({thin.Variant}: {thin.Successes} of {thin.Sent}; each variant needs {MinimumExpected:0} expected {metric} and non-{metric})");
        }

        var raw = ranked.Skip(1).Select(other => (other, p: TwoSidedP(best, other))).OrderBy(x => x.p).ToList();
        var adjusted = Holm(raw.Select(x => x.p).ToList());
        var worst = adjusted.Max();
        var p = Format(worst);
        var comparisons = raw.Count == 1 ? "1 comparison" : $"{raw.Count} comparisons, Holm-adjusted";
        var rates = string.Join(" vs ", ranked.Select(v => $"{v.Variant} {v.Rate.ToString("P1", CultureInfo.InvariantCulture)}"));
        return worst < alpha
            ? new WinnerVerdict(best.Variant, worst, alpha, lift, $"{best.Variant} wins on {metric}: {rates}; p = {p} < {Format(alpha)} (two-proportion z-test, {comparisons})")
            : new WinnerVerdict(null, worst, alpha, lift, $"no winner: {rates}; p = {p} ≥ {Format(alpha)} (two-proportion z-test, {comparisons}): the difference may be chance");
    }

    /// <summary>The two-sided p-value of H0 "same rate" for two variants (pooled z-test).</summary>
    public static double TwoSidedP(VariantCounts a, VariantCounts b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var pooled = (double)(a.Successes + b.Successes) / (a.Sent + b.Sent);
        var se = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / a.Sent) + (1.0 / b.Sent)));
        if (se == 0)
        {
            return 1;
        }

        var z = Math.Abs(a.Rate - b.Rate) / se;
        return Math.Min(1, Erfc(z / Math.Sqrt(2)));
    }

    // Holm's step-down adjustment of p-values sorted ascending: p'(i) = max over j ≤ i of min(1, (m − j + 1) p(j)).
    private static List<double> Holm(List<double> sorted)
    {
        var m = sorted.Count;
        var result = new List<double>(m);
        var running = 0.0;
        for (var i = 0; i < m; i++)
        {
            running = Math.Max(running, Math.Min(1, (m - i) * sorted[i]));
            result.Add(running);
        }

        return result;
    }

    // The complementary error function (Numerical Recipes' erfcc, Chebyshev fit, fractional error below 1.2e-7).
    internal static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1.0 / (1.0 + (0.5 * z));
        var poly = -1.26551223 + (t * (1.00002368 + (t * (0.37409196 + (t * (0.09678418 + (t * (-0.18628806
            + (t * (0.27886807 + (t * (-1.13520398 + (t * (1.48851587 + (t * (-0.82215223 + (t * 0.17087277)))))))))))))))));
        var ans = t * Math.Exp((-z * z) + poly);
        return x >= 0 ? ans : 2.0 - ans;
    }

    private static string Format(double value) =>
        value < 0.0001 ? "< 0.0001" : value.ToString("0.####", CultureInfo.InvariantCulture);
}
