namespace Connector.Campaigns.Experiments;

/// <summary>
/// Bandit allocation by Thompson sampling: for each message of the next batch, one draw from each variant's posterior
/// Beta(1 + successes, 1 + failures) and the message goes to the variant with the highest draw. A variant that is
/// clearly better gets most of the batch; while the data cannot tell them apart, the batch stays split. Not thread-safe
/// (it owns its <see cref="Random"/>; seed it in tests).
/// </summary>
public sealed class ThompsonAllocator(Random random)
{
    /// <summary>How many of the next <paramref name="batch"/> messages each variant gets, in the order given.</summary>
    public IReadOnlyList<int> Allocate(IReadOnlyList<VariantCounts> variants, int batch)
    {
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        if (variants.Count == 0)
        {
            throw new ArgumentException("the bandit needs at least one variant", nameof(variants));
        }

        var counts = new int[variants.Count];
        for (var n = 0; n < batch; n++)
        {
            counts[Choose(variants)]++;
        }

        return counts;
    }

    /// <summary>The index of the variant one message goes to.</summary>
    public int Choose(IReadOnlyList<VariantCounts> variants)
    {
        ArgumentNullException.ThrowIfNull(variants);
        var best = 0;
        var bestDraw = double.NegativeInfinity;
        for (var i = 0; i < variants.Count; i++)
        {
            var v = variants[i];
            var failures = Math.Max(0, v.Sent - v.Successes);
            var draw = Beta(1 + v.Successes, 1 + failures);
            if (draw > bestDraw)
            {
                bestDraw = draw;
                best = i;
            }
        }

        return best;
    }

    private double Beta(double a, double b)
    {
        var x = Gamma(a);
        var y = Gamma(b);
        return x / (x + y);
    }

    // Marsaglia and Tsang's method (shape ≥ 1, which 1 + count always is).
    private double Gamma(double shape)
    {
        var d = shape - (1.0 / 3.0);
        var c = 1.0 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal();
                v = 1 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            var u = random.NextDouble();
            if (u < 1 - (0.0331 * x * x * x * x) || Math.Log(u) < (0.5 * x * x) + (d * (1 - v + Math.Log(v))))
            {
                return d * v;
            }
        }
    }

    private double Normal()
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
