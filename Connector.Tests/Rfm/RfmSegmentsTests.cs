using Connector.Rfm;

namespace Connector.Tests.Rfm;

/// <summary>The R×F grid's named cells: every one of the 25 pairs falls in exactly the segment the common map gives it.</summary>
[CancelAfter(10_000)]
public sealed class RfmSegmentsTests
{
    // Rows are R = 5 (won most recently) down to 1; columns F = 1..5.
    private static readonly string[][] Grid =
    [
        ["new_customers", "potential_loyalists", "potential_loyalists", "champions", "champions"],
        ["promising", "potential_loyalists", "potential_loyalists", "loyal", "loyal"],
        ["about_to_sleep", "about_to_sleep", "need_attention", "loyal", "loyal"],
        ["hibernating", "hibernating", "at_risk", "at_risk", "cant_lose"],
        ["hibernating", "hibernating", "at_risk", "at_risk", "cant_lose"],
    ];

    [Test]
    public void Of_EveryCell_TheCommonMap()
    {
        var found = Enumerable.Range(0, 5).Select(row => Enumerable.Range(1, 5).Select(f => RfmSegments.Code(RfmSegments.Of(5 - row, f))).ToArray()).ToArray();

        Assert.That(found, Is.EqualTo(Grid));
    }

    [Test]
    public void Codes_RoundTripAndEverySegmentHasACell()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RfmSegments.All.Select(RfmSegments.Parse), Is.EqualTo(Enum.GetValues<RfmSegment>().Cast<RfmSegment?>()));
            Assert.That(Grid.SelectMany(r => r).Distinct().Order(), Is.EqualTo(RfmSegments.All.Order()));
            Assert.That(RfmSegments.Parse("at risk"), Is.Null);
        });
    }

    [TestCase(0, 1)]
    [TestCase(6, 1)]
    [TestCase(1, 0)]
    public void Of_ScoreOutOfRange_Throws(int r, int f) =>
        Assert.That(() => RfmSegments.Of(r, f), Throws.InstanceOf<ArgumentOutOfRangeException>());
}
