namespace Connector.Tests.Sending;

/// <summary>A CRM allowed to re-subscribe lifts unsubscribes only: bounces, complaints and manual entries stay.</summary>
[CancelAfter(120_000)]
public sealed class ResubscribeTests
{
    [Test]
    public async Task ResubscribeAsync_LiftsAnUnsubscribeWhateverMadeIt_NeverABounceComplaintOrManualEntry()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        using var rig = new LedgerRig(TimeProvider.System);
        (string Address, string Reason, string Source)[] entries =
        [
            ("link@example.org", "unsubscribed", "unsubscribe:ledger:1"), ("crm@example.org", "unsubscribed", "crm"),
            ("gone@example.org", "hard_bounce", "imap"), ("full@example.org", "soft_bounces", "imap: 5 soft bounces in a row"),
            ("spam@example.org", "complaint", "imap"), ("block@example.org", "manual", "cli"),
        ];
        foreach (var (address, reason, source) in entries)
        {
            Assert.That(await rig.Ledger.SuppressAsync(address, reason, source, ct), Is.True, address);
        }

        var lifted = new List<bool>();
        foreach (var (address, _, _) in entries)
        {
            lifted.Add(await rig.Ledger.ResubscribeAsync(address.ToUpperInvariant(), ct));
        }

        var left = (await rig.Ledger.SuppressionsAsync(ct)).Select(s => s.Address).Order().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(lifted, Is.EqualTo(new[] { true, true, false, false, false, false }));
            Assert.That(left, Is.EqualTo(new[] { "block@example.org", "full@example.org", "gone@example.org", "spam@example.org" }));
        });
    }
}
