using Connector.Campaigns.Experiments;

namespace Connector.Tests.Campaigns.Experiments;

[TestFixture]
[CancelAfter(30_000)]
public sealed class ThompsonAllocatorTests
{
    private static readonly double[] TrueRates = [0.20, 0.30];

    [Test]
    public void Bandit_OnSimulatedOpens_SendsMoreOfTheBetterVariantThanAFixedSplit()
    {
        // 10,000 messages in waves of 500; opens drawn from the true rates. A fixed 50/50 split sends 5,000 of each
        // and expects 2,500 opens; the bandit should put most of the audience on B and get more opens.
        var bandit = new ThompsonAllocator(new Random(11));
        var world = new Random(12);
        var counts = new[] { new VariantCounts("A", 0, 0), new VariantCounts("B", 0, 0) };
        for (var wave = 0; wave < 20; wave++)
        {
            var allocation = bandit.Allocate(counts, 500);
            Assert.That(allocation.Sum(), Is.EqualTo(500));
            for (var v = 0; v < counts.Length; v++)
            {
                var opens = Enumerable.Range(0, allocation[v]).Count(_ => world.NextDouble() < TrueRates[v]);
                counts[v] = counts[v] with { Sent = counts[v].Sent + allocation[v], Successes = counts[v].Successes + opens };
            }
        }

        var opensTotal = counts.Sum(c => c.Successes);
        Assert.Multiple(() =>
        {
            Assert.That(counts[1].Sent, Is.GreaterThan(8000), "B's share of 10,000");
            Assert.That(opensTotal, Is.GreaterThan(2500 + 300), "opens against a fixed split's expected 2,500");
        });
    }

    [Test]
    public void Allocate_WithoutData_SplitsAboutEvenly()
    {
        var allocation = new ThompsonAllocator(new Random(3)).Allocate([new("A", 0, 0), new("B", 0, 0), new("C", 0, 0)], 3000);

        Assert.That(allocation, Has.All.InRange(850, 1150));
    }

    [Test]
    public void Allocate_WhenTheDataCannotTellThemApart_KeepsExploring()
    {
        var allocation = new ThompsonAllocator(new Random(5)).Allocate([new("A", 100, 21), new("B", 100, 20)], 1000);

        Assert.That(allocation[1], Is.InRange(250, 750), "B still gets a real share");
    }

    [Test]
    public void Allocate_ClearWinner_GetsAlmostEverything()
    {
        var allocation = new ThompsonAllocator(new Random(9)).Allocate([new("A", 5000, 1000), new("B", 5000, 1500)], 1000);

        Assert.That(allocation[1], Is.GreaterThan(995));
    }

    [Test]
    public void Allocate_SameSeed_SameAnswer()
    {
        VariantCounts[] counts = [new("A", 300, 60), new("B", 300, 75)];

        var first = new ThompsonAllocator(new Random(1)).Allocate(counts, 200);
        var second = new ThompsonAllocator(new Random(1)).Allocate(counts, 200);

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Allocate_BadInput_IsRefused()
    {
        var allocator = new ThompsonAllocator(new Random(1));
        Assert.Multiple(() =>
        {
            Assert.That(() => allocator.Allocate([], 10), Throws.ArgumentException);
            Assert.That(() => allocator.Allocate([new("A", 0, 0)], -1), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }
}
