using System.Globalization;
using Connector.Sending.Tokens;
using Connector.Tracking.Hits;

namespace Connector.Tests.Tracking;

[CancelAfter(10_000)]
public sealed class MachineRulesTests
{
    private static readonly DateTimeOffset Sent = DateTimeOffset.Parse("2026-12-03T10:00:00Z", CultureInfo.InvariantCulture);

    [TestCase(HitKind.Open, "sent", 3, null, null, "soon_after_delivery")]
    [TestCase(HitKind.Open, "sent", 10, null, null, null)]
    [TestCase(HitKind.Open, "sending", 60, null, null, "soon_after_delivery")]
    [TestCase(HitKind.Click, "sent", 60, 59.5, "https://shop.example.com/b", "link_burst")]
    [TestCase(HitKind.Click, "sent", 60, 59.5, "https://shop.example.com/a", null)]
    [TestCase(HitKind.Click, "sent", 60, 58.5, "https://shop.example.com/b", null)]
    [TestCase(HitKind.Click, "unknown", 1, null, null, null)]
    [TestCase(HitKind.Unsubscribe, "sent", 1, null, null, null)]
    public void Reason_DeliveryWindowAndBursts_FlagsOnlyMachineHits(HitKind kind, string state, double secondsAfter, double? lastClickSecondsAfter, string? lastUrl, string? expected)
    {
        var hit = new TrackingHit(kind, new MessageRef(1, 2), Sent.AddSeconds(secondsAfter), new AgentVerdict(AgentClass.Browser, null)) { Url = "https://shop.example.com/a" };
        var ledger = new LedgerFacts(2, state, Sent, "anna@example.org", "campaign:x");

        var reason = MachineRules.Reason(hit, ledger, lastClickSecondsAfter is { } s ? Sent.AddSeconds(s) : null, lastUrl, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));

        Assert.That(reason, Is.EqualTo(expected));
    }

    [Test]
    public void Reason_ProxyAgent_AgentReasonFirst()
    {
        var hit = new TrackingHit(HitKind.Open, new MessageRef(1, 2), Sent.AddHours(1), new AgentVerdict(AgentClass.AppleMpp, "privacy_proxy"));

        Assert.That(MachineRules.Reason(hit, new LedgerFacts(2, "sent", Sent, "a@example.org", "k"), null, null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1)), Is.EqualTo("privacy_proxy"));
    }
}
