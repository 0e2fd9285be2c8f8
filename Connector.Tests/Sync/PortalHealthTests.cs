using Connector.Sync;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Sync;

[CancelAfter(120_000)]
public sealed class PortalHealthTests
{
    [Test]
    public void Failed_EveryMinuteFor200Minutes_LinesAtExponentialGapsCappedAtAnHour()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var health = new PortalHealth(Options.Create(new SyncOptions { IncrementalInterval = TimeSpan.FromMinutes(1) }), time);
        var logged = new List<int>();
        for (var minute = 0; minute <= 200; minute++)
        {
            if (health.Failed("p1", "Unreachable") is not null)
            {
                logged.Add(minute);
            }

            time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.That(logged, Is.EqualTo(new[] { 0, 2, 6, 14, 30, 62, 122, 182 }));
    }

    [Test]
    public void Failed_EverySecondFor30Seconds_OneLine()
    {
        var time = new FakeTimeProvider();
        var health = new PortalHealth(Options.Create(new SyncOptions()), time);
        var lines = 0;
        for (var second = 0; second < 30; second++)
        {
            lines += health.Failed("p1", "Unreachable") is null ? 0 : 1;
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var entry = health.Snapshot().Single();
        Assert.Multiple(() =>
        {
            Assert.That(lines, Is.EqualTo(1));
            Assert.That((entry.ConsecutiveFailures, entry.Healthy, entry.LastSuccess), Is.EqualTo((30, false, (DateTimeOffset?)null)));
        });
    }

    [Test]
    public void Succeeded_AfterFailures_OneRecoveryLineAndTheNextFailureLoggedAtOnce()
    {
        var time = new FakeTimeProvider();
        var health = new PortalHealth(Options.Create(new SyncOptions()), time);
        health.Failed("p1", "x");
        time.Advance(TimeSpan.FromSeconds(10));
        health.Failed("p1", "x");
        time.Advance(TimeSpan.FromSeconds(10));

        var recovered = health.Succeeded("p1");
        var quiet = health.Succeeded("p1");
        var again = health.Failed("p1", "y");

        Assert.Multiple(() =>
        {
            Assert.That(recovered, Is.EqualTo("Sync of p1 recovered after 2 failed passes (failing for 0:00:20)"));
            Assert.That(quiet, Is.Null);
            Assert.That(again, Does.StartWith("Sync of p1 failed (1 in a row, last success ").And.EndWith(": y"));
        });
    }
}
