using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Connector.Sandbox;
using Connector.Sync;
using Connector.Tests.TestSupport;
using Connector.Timeline;

namespace Connector.Tests.Timeline;

/// <summary>
/// The opt-out watcher is incremental: it reads the contacts the mirror changed since its position (contacts.change_seq),
/// so a pass after no change reads no contact, a sync that rewrites contacts unchanged changes nothing, and a contact
/// changed after the position is taken exactly once — through ix_contacts_change_seq, never a scan of contacts.
/// </summary>
[TestFixture]
public sealed class OptOutWatcherTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task PassAsync_AfterNoChange_ReadsNoContact_AChangedOneOnce()
    {
        await using var rig = await TimelineRig.StartAsync();
        var token = TestContext.CurrentContext.CancellationToken;
        var contact = rig.Portal.Contacts.First(c => c.Emails.Any(e => e.Value.Contains('@', StringComparison.Ordinal)));
        var addresses = await rig.Store.AddressesAsync(rig.PortalId, contact.Id, token);
        var first = await rig.OptOut.PassAsync(token);

        rig.Portal.UpdateContact(contact.Id, new SandboxContactFields { UserFields = new Dictionary<string, JsonNode?> { ["UF_CRM_ESP_UNSUBSCRIBED"] = "1" } });
        Assert.That((await rig.Sync.RunAsync(SyncMode.Incremental)).Succeeded, Is.True);
        var ticked = await rig.OptOut.PassAsync(token);
        var idle = await rig.OptOut.PassAsync(token);
        Assert.That((await rig.Sync.RunAsync(SyncMode.Full)).Succeeded, Is.True);
        var afterUnchangedSync = await rig.OptOut.PassAsync(token);
        var suppressed = await Task.WhenAll(addresses.Select(a => rig.Ledger.SuppressionAsync(a, token)));

        Assert.Multiple(() =>
        {
            Assert.That(first.Changed, Is.Zero, "no contact has opted out yet");
            Assert.That(ticked, Is.EqualTo(new OptOutPass(1, 1)), "only the changed contact is read, and acted on");
            Assert.That(idle, Is.EqualTo(new OptOutPass(0, 0)), "no change since the last pass: no contact row read (the ticked one is taken once)");
            Assert.That(afterUnchangedSync, Is.EqualTo(new OptOutPass(0, 0)), "a full sync that writes every contact unchanged is no change");
            Assert.That(suppressed, Is.Not.Empty.And.All.EqualTo("unsubscribed"));
        });
    }

    [TestCase(TimelineOutboxStore.OptOutCandidates, "SEARCH c USING INDEX ix_contacts_change_seq (change_seq>? AND change_seq<?)")]
    [TestCase(TimelineOutboxStore.ContactsChangedUpTo, "SEARCH contacts USING COVERING INDEX ix_contacts_change_seq")]
    [CancelAfter(120_000)]
    public async Task OptOutStatement_IsARangeOfTheChangeIndex_NeverAScanOfContacts(string sql, string step)
    {
        await using var rig = await TimelineRig.StartAsync();
        var token = TestContext.CurrentContext.CancellationToken;
        await rig.OptOut.PassAsync(token);
        await using var connection = await rig.Connections.OpenAsync(token);
        var plan = await QueryPlan.ExplainAsync(connection, sql, name => name switch
        {
            "@Path" => "$.\"UF_CRM_ESP_UNSUBSCRIBED\"[0]",
            "@Like" => "%\"UF_CRM_ESP_UNSUBSCRIBED\"%",
            _ => 1L,
        }, token);
        var text = string.Join("\n", plan);
        Assert.Multiple(() =>
        {
            Assert.That(plan.Where(p => Regex.IsMatch(p, @"^SCAN ")), Is.Empty, text);
            Assert.That(text, Does.Contain(step), text);
        });
    }
}
