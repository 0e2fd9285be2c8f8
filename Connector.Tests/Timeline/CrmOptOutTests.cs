using System.Text.Json.Nodes;
using Connector.Sandbox;
using Connector.Sync;
using Connector.Timeline;

namespace Connector.Tests.Timeline;

/// <summary>Opt-out from the CRM side: the contact field ticked in the sandbox → next sync → the contact's addresses suppressed.</summary>
[TestFixture]
public sealed class CrmOptOutTests
{
    [TestCase(false, OptOutWatcher.KeptOutcome)]
    [TestCase(true, OptOutWatcher.ResubscribeOutcome)]
    [CancelAfter(120_000)]
    public async Task RunAsync_FieldTickedThenCleared_SuppressedAtNextSyncAndEveryChangeRecorded(bool mayResubscribe, string clearedOutcome)
    {
        await using var rig = await TimelineRig.StartAsync(optOut: new CrmOptOutOptions { CrmMayResubscribe = mayResubscribe });
        var token = TestContext.CurrentContext.CancellationToken;
        var contact = rig.Portal.Contacts.First(c => c.Emails.Any(e => e.Value.Contains('@', StringComparison.Ordinal)));
        var addresses = await rig.Store.AddressesAsync(rig.PortalId, contact.Id, token);
        Assert.That(addresses, Is.Not.Empty);
        var untouched = await rig.RunAsync();

        // A CRM user ticks the box on the contact card; the next sync mirrors it.
        rig.Portal.UpdateContact(contact.Id, new SandboxContactFields { UserFields = new Dictionary<string, JsonNode?> { ["UF_CRM_ESP_UNSUBSCRIBED"] = "1" } });
        Assert.That((await rig.Sync.RunAsync(SyncMode.Incremental)).Succeeded, Is.True);
        var ticked = await rig.RunAsync();
        var suppressed = await Task.WhenAll(addresses.Select(a => rig.Ledger.SuppressionEntryAsync(a, token)));
        var again = await rig.RunAsync();

        rig.Portal.UpdateContact(contact.Id, new SandboxContactFields { UserFields = new Dictionary<string, JsonNode?> { ["UF_CRM_ESP_UNSUBSCRIBED"] = "0" } });
        Assert.That((await rig.Sync.RunAsync(SyncMode.Incremental)).Succeeded, Is.True);
        var cleared = await rig.RunAsync();
        var afterClear = await Task.WhenAll(addresses.Select(a => rig.Ledger.SuppressionAsync(a, token)));
        var changes = await rig.Store.OptOutChangesAsync(rig.PortalId, token);

        Assert.Multiple(() =>
        {
            Assert.That(untouched.OptOutChanges, Is.Zero);
            Assert.That(ticked.OptOutChanges, Is.EqualTo(1));
            Assert.That(suppressed.Select(s => (s?.Reason, s?.Source)), Is.All.EqualTo(("unsubscribed", "crm")));
            Assert.That(again.OptOutChanges, Is.Zero, "an unchanged field is no change");
            Assert.That(cleared.OptOutChanges, Is.EqualTo(1));
            Assert.That(afterClear, mayResubscribe ? Is.All.Null : Is.All.EqualTo("unsubscribed"),
                mayResubscribe ? "Suppression:CrmMayResubscribe=true: the cleared field lifts the unsubscribe" : "a cleared field re-subscribes no one by default");
            Assert.That(changes, Is.EqualTo(new[] { (contact.Id, 1L, OptOutWatcher.SuppressedOutcome), (contact.Id, 0L, clearedOutcome) }));
        });
    }
}
