using Connector.Crm.Bitrix24;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Crm.Bitrix24;

[CancelAfter(120_000)]
public sealed class Bitrix24OperatingBudgetTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 9, 9, 13, 0, 0, TimeSpan.Zero));

    private Bitrix24OperatingBudget CreateSut() => new(_time, Options.Create(new Bitrix24ClientOptions()));

    private long InSeconds(int seconds) => _time.GetUtcNow().AddSeconds(seconds).ToUnixTimeSeconds();

    [Test]
    public void Block_AnswerCarriesItsOwnReset_BlockedUntilThatResetNotTheStoredOne()
    {
        var sut = CreateSut();
        sut.Record("p", "crm.deal.list", new Bitrix24Time { Operating = 12, OperatingResetAt = InSeconds(545) });

        sut.Block("p", "crm.deal.list", new Bitrix24Time { Finish = InSeconds(0), OperatingResetAt = InSeconds(3) });

        Assert.That(sut.DelayFor("p", ["crm.deal.list"]), Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [TestCase(7200, 600)]
    [TestCase(-30, 1)]
    public void Block_AnswerResetOutOfRange_BoundedToOneSecondAndTheTenMinuteWindow(int resetInSeconds, double expectedSeconds)
    {
        var sut = CreateSut();

        sut.Block("p", "crm.deal.list", new Bitrix24Time { Finish = InSeconds(0), OperatingResetAt = InSeconds(resetInSeconds) });

        Assert.That(sut.DelayFor("p", ["crm.deal.list"]), Is.EqualTo(TimeSpan.FromSeconds(expectedSeconds)));
    }

    [Test]
    public void Block_AnswerResetOnASkewedPortalClock_MeasuredFromTheAnswersFinish()
    {
        var sut = CreateSut();

        // The portal's clock runs 5 minutes behind ours: its reset, 20 s after its finish, is still 20 s away.
        sut.Block("p", "crm.deal.list", new Bitrix24Time { Finish = InSeconds(-300), OperatingResetAt = InSeconds(-280) });

        Assert.That(sut.DelayFor("p", ["crm.deal.list"]), Is.EqualTo(TimeSpan.FromSeconds(20)));
    }

    [Test]
    public void DelayFor_BelowEightyPercent_NoDelay()
    {
        var sut = CreateSut();
        sut.Record("p", "crm.deal.list", new Bitrix24Time { Operating = 380, OperatingResetAt = InSeconds(300) });

        Assert.That(sut.DelayFor("p", ["crm.deal.list"]), Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void DelayFor_AboveEightyPercent_OnePercentOfTimeToReset()
    {
        var sut = CreateSut();
        sut.Record("p", "crm.deal.list", new Bitrix24Time { Operating = 400, OperatingResetAt = InSeconds(300) });

        Assert.That(sut.DelayFor("p", ["crm.deal.list"]), Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public void DelayFor_FarReset_CappedAtSevenSeconds()
    {
        var sut = CreateSut();
        sut.Record("p", "crm.deal.list", new Bitrix24Time { Operating = 470, OperatingResetAt = InSeconds(900) });

        Assert.That(sut.DelayFor("p", ["crm.deal.list"]), Is.EqualTo(TimeSpan.FromSeconds(7)));
    }

    [Test]
    public void Block_KnownReset_BlocksThatMethodUntilReset()
    {
        var sut = CreateSut();
        sut.Record("p", "crm.deal.list", new Bitrix24Time { Operating = 10, OperatingResetAt = InSeconds(40) });

        sut.Block("p", "crm.deal.list");

        Assert.Multiple(() =>
        {
            Assert.That(sut.DelayFor("p", ["crm.deal.list"]), Is.EqualTo(TimeSpan.FromSeconds(40)));
            Assert.That(sut.DelayFor("p", ["crm.contact.list"]), Is.EqualTo(TimeSpan.Zero));
            Assert.That(sut.DelayFor("p", ["crm.contact.list", "crm.deal.list"]), Is.EqualTo(TimeSpan.FromSeconds(40)));
        });
    }

    [Test]
    public void Block_UnknownReset_BlocksSixtySeconds()
    {
        var sut = CreateSut();

        sut.Block("p", "crm.deal.list");

        Assert.That(sut.DelayFor("p", ["crm.deal.list"]), Is.EqualTo(TimeSpan.FromSeconds(60)));
    }

    [Test]
    public void Record_AfterBlock_Unblocks()
    {
        var sut = CreateSut();
        sut.Block("p", "crm.deal.list");

        sut.Record("p", "crm.deal.list", new Bitrix24Time { Operating = 1 });

        Assert.That(sut.IsBlocked("p", "crm.deal.list"), Is.False);
    }
}
