using Connector.Campaigns.Experiments;

namespace Connector.Tests.Campaigns.Experiments;

[TestFixture]
[CancelAfter(30_000)]
public sealed class TwoProportionTestTests
{
    [Test]
    public void Decide_KnownEffect_PicksTheBetterVariant()
    {
        // 20 % against 26 % opens on 2,000 each: z ≈ 4.5, p ≈ 7e-6.
        var verdict = TwoProportionTest.Decide([new("A", 2000, 400), new("B", 2000, 520)], metric: "opens");

        Assert.Multiple(() =>
        {
            Assert.That(verdict.Winner, Is.EqualTo("B"));
            Assert.That(verdict.PValue, Is.LessThan(0.0001));
            Assert.That(verdict.Lift, Is.EqualTo(0.06).Within(1e-9));
            Assert.That(verdict.Reason, Does.StartWith("B wins on opens"));
        });
    }

    [Test]
    public void Decide_LargerRawNumberWithinChance_HasNoWinner()
    {
        // 52 against 50 opens of 1,000: A is larger, but p ≈ 0.84.
        var verdict = TwoProportionTest.Decide([new("A", 1000, 52), new("B", 1000, 50)], metric: "opens");

        Assert.Multiple(() =>
        {
            Assert.That(verdict.Winner, Is.Null);
            Assert.That(verdict.PValue, Is.EqualTo(0.8383).Within(0.002));
            Assert.That(verdict.Reason, Does.StartWith("no winner"));
        });
    }

    [Test]
    public void TwoSidedP_MatchesTheTextbookValue()
    {
        // z = (0.30 - 0.25) / sqrt(0.275 * 0.725 * (2 / 500)) = 1.7705, two-sided p = 2 (1 - Φ(1.7705)) = 0.0766.
        var p = TwoProportionTest.TwoSidedP(new("A", 500, 150), new("B", 500, 125));

        Assert.That(p, Is.EqualTo(0.0766).Within(0.0003));
    }

    [Test]
    public void Decide_NoEffect_FalseWinnersStayNearAlpha()
    {
        // 400 simulated tests of two variants with the same 20 % rate: a test at 0.05 names a winner about 5 % of the time.
        var random = new Random(20261204);
        var winners = 0;
        for (var run = 0; run < 400; run++)
        {
            var verdict = TwoProportionTest.Decide([Simulate("A", 1000, 0.2, random), Simulate("B", 1000, 0.2, random)]);
            winners += verdict.Winner is null ? 0 : 1;
        }

        Assert.That(winners, Is.InRange(4, 36), "false winners out of 400 (expected about 20)");
    }

    [Test]
    public void Decide_KnownEffect_FoundInMostSimulatedRuns()
    {
        // 20 % against 25 % on 1,500 each: the test's power is about 0.93.
        var random = new Random(7);
        var right = 0;
        var wrong = 0;
        for (var run = 0; run < 200; run++)
        {
            var verdict = TwoProportionTest.Decide([Simulate("A", 1500, 0.20, random), Simulate("B", 1500, 0.25, random)]);
            right += verdict.Winner == "B" ? 1 : 0;
            wrong += verdict.Winner == "A" ? 1 : 0;
        }

        Assert.Multiple(() =>
        {
            Assert.That(right, Is.GreaterThan(160));
            Assert.That(wrong, Is.Zero);
        });
    }

    [Test]
    public void Decide_ThreeVariants_NeedsTheBestToBeatEveryOther()
    {
        var clear = TwoProportionTest.Decide([new("A", 2000, 400), new("B", 2000, 410), new("C", 2000, 560)]);
        var close = TwoProportionTest.Decide([new("A", 2000, 400), new("B", 2000, 545), new("C", 2000, 560)]);

        Assert.Multiple(() =>
        {
            Assert.That(clear.Winner, Is.EqualTo("C"));
            Assert.That(clear.Reason, Does.Contain("2 comparisons, Holm-adjusted"));
            Assert.That(close.Winner, Is.Null, "C is not significantly better than B");
        });
    }

    [Test]
    public void Decide_TooFewSends_HasNoVerdictYet()
    {
        var verdict = TwoProportionTest.Decide([new("A", 20, 0), new("B", 20, 3)], metric: "clicks");

        Assert.Multiple(() =>
        {
            Assert.That(verdict.Winner, Is.Null);
            Assert.That(verdict.PValue, Is.EqualTo(1));
            Assert.That(verdict.Reason, Does.StartWith("no winner yet: too few clicks"));
        });
    }

    [Test]
    public void Decide_EqualRates_HasNoWinner()
    {
        var verdict = TwoProportionTest.Decide([new("A", 1000, 200), new("B", 1000, 200)]);

        Assert.Multiple(() =>
        {
            Assert.That(verdict.Winner, Is.Null);
            Assert.That(verdict.PValue, Is.EqualTo(1).Within(1e-6));
        });
    }

    [Test]
    public void Decide_BadInput_IsRefused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => TwoProportionTest.Decide([new("A", 10, 1)]), Throws.ArgumentException);
            Assert.That(() => TwoProportionTest.Decide([new("A", 10, 11), new("B", 10, 1)]), Throws.ArgumentException.With.Message.Contains("variant A"));
            Assert.That(() => TwoProportionTest.Decide([new("A", 10, 1), new("B", 10, 1)], alpha: 1.5), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }

    [TestCase(0.0, 1.0)]
    [TestCase(0.5, 0.4795001222)]
    [TestCase(1.0, 0.1572992071)]
    [TestCase(2.0, 0.0046777350)]
    [TestCase(-1.0, 1.8427007929)]
    public void Erfc_MatchesReferenceValues(double x, double expected) =>
        Assert.That(TwoProportionTest.Erfc(x), Is.EqualTo(expected).Within(2e-7));

    internal static VariantCounts Simulate(string name, int sent, double rate, Random random)
    {
        var successes = 0;
        for (var i = 0; i < sent; i++)
        {
            successes += random.NextDouble() < rate ? 1 : 0;
        }

        return new VariantCounts(name, sent, successes);
    }
}
