using Connector.Crm.Bitrix24;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Crm.Bitrix24;

[CancelAfter(120_000)]
public sealed class Bitrix24LeakyBucketTests
{
    private readonly FakeTimeProvider _time = new();

    private Bitrix24LeakyBucket CreateSut(double headroom = 0) => new(_time, Options.Create(new Bitrix24ClientOptions { BurstHeadroom = headroom }));

    [Test]
    public void Reserve_DefaultHeadroom_WaitsTwoRequestsBeforeTheBurst()
    {
        var sut = new Bitrix24LeakyBucket(_time, Options.Create(new Bitrix24ClientOptions()));

        var waits = Enumerable.Range(0, 49).Select(_ => sut.Reserve("p")).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(waits.Take(48), Is.All.EqualTo(TimeSpan.Zero));
            Assert.That(waits[48], Is.EqualTo(TimeSpan.FromSeconds(0.5)));
        });
    }

    [Test]
    public void Reserve_FiftyImmediateThenOneMore_FiftyFreeAndHalfSecondForStandard()
    {
        var sut = CreateSut();

        var first50 = Enumerable.Range(0, 50).Select(_ => sut.Reserve("p")).ToList();
        var fiftyFirst = sut.Reserve("p");

        Assert.Multiple(() =>
        {
            Assert.That(first50, Is.All.EqualTo(TimeSpan.Zero));
            Assert.That(fiftyFirst, Is.EqualTo(TimeSpan.FromSeconds(0.5)));
        });
    }

    [Test]
    public void Reserve_AfterDrain_FreeAgain()
    {
        var sut = CreateSut();
        for (var i = 0; i < 50; i++)
        {
            sut.Reserve("p");
        }

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Multiple(() =>
        {
            Assert.That(sut.Reserve("p"), Is.EqualTo(TimeSpan.Zero));
            Assert.That(sut.Reserve("p"), Is.EqualTo(TimeSpan.Zero));
            Assert.That(sut.Reserve("p"), Is.EqualTo(TimeSpan.FromSeconds(0.5)));
        });
    }

    [Test]
    public void Reserve_EnterprisePlan_TwoHundredFiftyFreeThenFifthOfSecond()
    {
        var sut = CreateSut();
        sut.SetPlan("p", Bitrix24Plan.Enterprise);

        var waits = Enumerable.Range(0, 251).Select(_ => sut.Reserve("p")).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(waits.Take(250), Is.All.EqualTo(TimeSpan.Zero));
            Assert.That(waits[250], Is.EqualTo(TimeSpan.FromSeconds(0.2)));
        });
    }

    [Test]
    public void MarkFull_AfterQueryLimit_NextRequestWaits()
    {
        var sut = CreateSut();

        sut.MarkFull("p");

        Assert.That(sut.Reserve("p"), Is.EqualTo(TimeSpan.FromSeconds(0.5)));
    }

    [Test]
    public void Reserve_OtherPortal_Independent()
    {
        var sut = CreateSut();
        sut.MarkFull("a");

        Assert.That(sut.Reserve("b"), Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void Release_CancelledReservation_GivesPlaceBack()
    {
        var sut = CreateSut();
        sut.MarkFull("p");
        sut.Reserve("p");

        sut.Release("p");

        Assert.That(sut.Reserve("p"), Is.EqualTo(TimeSpan.FromSeconds(0.5)));
    }
}
