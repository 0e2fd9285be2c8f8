using Connector.Templates.Ui;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Templates.Ui;

[CancelAfter(10_000)]
public sealed class TemplateTestSendLimitTests
{
    [Test]
    public void TryTake_TwentyPerPortalPerWindow_OtherPortalsUntouched_NewWindowRefills()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));
        var limit = new TemplateTestSendLimit(clock);
        var first = Enumerable.Range(0, TemplateTestSendLimit.Permits + 1).Select(_ => limit.TryTake(1)).ToList();
        var other = limit.TryTake(2);
        clock.Advance(TemplateTestSendLimit.Window);
        var later = limit.TryTake(1);

        Assert.Multiple(() =>
        {
            Assert.That(first.Take(TemplateTestSendLimit.Permits), Is.All.True);
            Assert.That(first[^1], Is.False);
            Assert.That(other, Is.True);
            Assert.That(later, Is.True);
        });
    }
}
