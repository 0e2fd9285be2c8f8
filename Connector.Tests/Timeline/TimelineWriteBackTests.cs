using Connector.Crm.Bitrix24;
using Connector.Crm.Bitrix24.Installs;
using Connector.Sandbox;
using Connector.Sync;
using Connector.Timeline;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Timeline;

/// <summary>Results → outbox → the sandbox portal's timeline (webhook mode: comments), against the real client.</summary>
[TestFixture]
public sealed class TimelineWriteBackTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task RunAsync_ManyHitsOfOneMessage_OneEntryPerKindOnContactAndDeal()
    {
        await using var rig = await TimelineRig.StartAsync();
        var contact = rig.Portal.Contacts[0].Id;
        var deal = rig.Portal.Deals[0].Id;
        var key = await rig.AddSendKeyAsync("Весна <b>[url]</b>", deal);
        var ledger = await rig.AddLedgerAsync(key, contact);
        await rig.AddHitAsync(ledger, contact, "open", machine: true);
        await rig.AddHitAsync(ledger, contact, "open");
        await rig.AddHitAsync(ledger, contact, "open");
        await rig.AddHitAsync(ledger, contact, "click", "https://shop.example/a", machine: true);
        await rig.AddHitAsync(ledger, contact, "click", "https://shop.example/a");
        await rig.AddHitAsync(ledger, contact, "click", "https://shop.example/a");
        await rig.AddHitAsync(ledger, contact, "click", "https://shop.example/b");
        await rig.AddHitAsync(ledger, contact, "unsubscribe");
        await rig.AddHitAsync(ledger, contact, "unsubscribe");
        await rig.AddBounceAsync(ledger, "soft");

        // A send key without a portal (a recipients file): its results make no entry.
        var fileKey = await rig.AddSendKeyAsync("file", withPortal: false);
        var orphan = await rig.AddLedgerAsync(fileKey, contact);
        await rig.AddHitAsync(orphan, contact, "open");

        var first = await rig.RunAsync();
        var second = await rig.RunAsync();
        var entries = await rig.EntriesAsync();
        var onContact = rig.TimelineOf(3, contact);
        var onDeal = rig.TimelineOf(2, deal);

        Assert.Multiple(() =>
        {
            // sent, opened, clicked a, clicked b, unsubscribed, bounce soft — on the contact and on the deal — and the opt-out field.
            Assert.That(first.Produced, Is.EqualTo(13));
            Assert.That(second.Produced, Is.Zero);
            Assert.That(entries.Select(e => e.State).Distinct(), Is.EqualTo(new[] { TimelineNames.Written }));
            Assert.That(entries.All(e => e.LedgerId == ledger), Is.True);
            Assert.That(entries.Count(e => e.Action == "trigger"), Is.Zero, "webhook mode has no triggers");
            Assert.That(onContact, Has.Count.EqualTo(6));
            Assert.That(onDeal, Has.Count.EqualTo(6));
            Assert.That(onContact.All(e => !e.IsLogMessage), Is.True, "webhook mode writes comments");
            Assert.That(onContact[0].Text, Does.StartWith("Письмо отправлено\n"));
            Assert.That(onContact[0].Text, Does.Contain("«Весна &lt;b&gt;&#91;url&#93;&lt;/b&gt;»"));
            Assert.That(onContact.Count(e => e.Text.Contains("https://shop.example/a", StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(rig.Portal.Contacts[0].UserFields.TryGetValue("UF_CRM_ESP_UNSUBSCRIBED", out var flag) ? flag?.ToString() : null, Is.EqualTo("1"));
            Assert.That(first.Dispatch.Calls, Is.EqualTo(1), "13 writes in one batch");
            Assert.That(second.Dispatch.Calls, Is.Zero);
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task RunAsync_OutcomesOutOfIdOrder_EachMessageOnceAndSmtpHardBounceMergedWithDsn()
    {
        await using var rig = await TimelineRig.StartAsync();
        var contacts = rig.Portal.Contacts.Take(3).Select(c => c.Id).ToArray();
        var key = await rig.AddSendKeyAsync("Autumn");
        var rows = new List<long>();
        foreach (var contact in contacts)
        {
            rows.Add(await rig.AddLedgerAsync(key, contact, state: "queued"));
        }

        await rig.RunAsync();
        await rig.SetLedgerStateAsync(rows[2], "sent");
        var afterLast = await rig.RunAsync();
        await rig.SetLedgerStateAsync(rows[0], "failed", 550);
        await rig.AddBounceAsync(rows[0], "hard");
        await rig.SetLedgerStateAsync(rows[1], "deferred");
        var afterFirst = await rig.RunAsync();
        await rig.SetLedgerStateAsync(rows[1], "sent");
        var afterMiddle = await rig.RunAsync();
        var entries = await rig.EntriesAsync();

        Assert.Multiple(() =>
        {
            Assert.That(afterLast.Produced, Is.EqualTo(1));
            Assert.That(afterFirst.Produced, Is.EqualTo(1), "the 550 at SMTP time and the DSN are one hard bounce");
            Assert.That(afterMiddle.Produced, Is.EqualTo(1));
            Assert.That(entries.Select(e => (e.LedgerId, e.Kind)), Is.EquivalentTo(new[] { (rows[2], "sent"), (rows[0], "bounce_hard"), (rows[1], "sent") }));
            Assert.That(rig.TimelineOf(3, contacts[0]).Single().Text, Does.StartWith("Письмо не доставлено"));
        });
    }

    [Test]
    [CancelAfter(240_000)]
    public async Task RunAsync_TenThousandOpens_AtMost21RequestsPer1000Entries()
    {
        await using var rig = await TimelineRig.StartAsync(new SandboxOptions { Seed = 4, Contacts = 50, Deals = 5, RateLimitEnabled = false });
        rig.Client.SetPlan(rig.Sync.Portal, new Bitrix24Plan(1000, 1000));
        var contacts = rig.Portal.Contacts.Select(c => c.Id).ToArray();
        await using (var connection = await rig.Connections.OpenAsync(TestContext.CurrentContext.CancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(TestContext.CurrentContext.CancellationToken);
            var now = Connector.Store.UtcText.From(TimeProvider.System.GetUtcNow());
            for (var k = 0; k < 200; k++)
            {
                var key = $"bulk-{k}";
                await connection.ExecuteAsync("INSERT INTO send_keys (send_key, portal_id, name, kind, created_at) VALUES (@Key, @PortalId, @Key, 'Campaign', @Now)",
                    new { Key = key, rig.PortalId, Now = now }, transaction);
                foreach (var contact in contacts)
                {
                    var ledger = await connection.ExecuteScalarAsync<long>("""
                        INSERT INTO send_ledger (send_key, recipient, contact_id, state, due_at, next_attempt_at, created_at, updated_at)
                        VALUES (@Key, @Recipient, @Contact, 'queued', @Now, @Now, @Now, @Now) RETURNING id
                        """, new { Key = key, Recipient = $"{k}-{contact}@example.org", Contact = contact, Now = now }, transaction);
                    await connection.ExecuteAsync("INSERT INTO engagement_hits (ledger_id, contact_id, kind, at, machine) VALUES (@Ledger, @Contact, 'open', @Now, 0), (@Ledger, @Contact, 'open', @Now, 1)",
                        new { Ledger = ledger, Contact = contact, Now = now }, transaction);
                }
            }

            await transaction.CommitAsync(TestContext.CurrentContext.CancellationToken);
        }

        var before = rig.Portal.Stats.RequestsServed;
        var calls = 0;
        var produced = 0;
        for (var pass = 0; pass < 20 && (await rig.Store.CountsAsync(TestContext.CurrentContext.CancellationToken)).GetValueOrDefault(TimelineNames.Pending, 1) > 0; pass++)
        {
            var run = await rig.RunAsync();
            calls += run.Dispatch.Calls;
            produced += run.Produced;
        }

        var requests = rig.Portal.Stats.RequestsServed - before;
        var counts = await rig.Store.CountsAsync(TestContext.CurrentContext.CancellationToken);
        var perThousand = requests * 1000.0 / counts[TimelineNames.Written];
        await TestContext.Out.WriteLineAsync($"timeline budget: {counts[TimelineNames.Written]} entries written in {requests} CRM requests = {perThousand:0.0} per 1,000 (limit 21)");
        Assert.Multiple(() =>
        {
            Assert.That(produced, Is.EqualTo(10_000));
            Assert.That(counts[TimelineNames.Written], Is.EqualTo(10_000));
            Assert.That(counts.ContainsKey(TimelineNames.Pending), Is.False);
            Assert.That(requests, Is.EqualTo(calls));
            Assert.That(perThousand, Is.LessThanOrEqualTo(21));
            Assert.That(rig.Portal.Timeline, Has.Count.EqualTo(10_000));
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task RunAsync_ContactMissingInTheCrm_FailedWithTheReasonOthersWritten()
    {
        await using var rig = await TimelineRig.StartAsync();
        var key = await rig.AddSendKeyAsync("Gone");
        await rig.AddLedgerAsync(key, 987_654);
        await rig.AddLedgerAsync(key, rig.Portal.Contacts[0].Id);

        var run = await rig.RunAsync();
        var again = await rig.RunAsync();
        var entries = await rig.EntriesAsync();

        Assert.Multiple(() =>
        {
            Assert.That(entries.Select(e => (e.ContactId, e.State)), Is.EqualTo(new[] { (987_654L, TimelineNames.Failed), (rig.Portal.Contacts[0].Id, TimelineNames.Written) }));
            Assert.That(entries[0].Reason, Does.Contain("OWNER_NOT_FOUND"));
            Assert.That((run.Dispatch.Written, run.Dispatch.Failed, run.Dispatch.Calls), Is.EqualTo((1, 1, 1)));
            Assert.That(again.Dispatch.Calls, Is.Zero, "a failed entry is not retried");
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task RunAsync_PortalUninstalledOrNeedingReauthorisation_EntriesStayPendingWithoutAttempts()
    {
        await using var rig = await TimelineRig.StartAsync();
        var token = TestContext.CurrentContext.CancellationToken;
        var mirror = rig.Sync.Services.GetRequiredService<IMirrorWriter>();
        var installs = rig.Sync.Services.GetRequiredService<Bitrix24InstallStore>();
        var keys = new List<string>();
        foreach (var (member, status) in new[] { ("member-reauth", Bitrix24InstallStatus.NeedsReauthorization), ("member-gone", Bitrix24InstallStatus.Uninstalled) })
        {
            var portalId = await mirror.EnsurePortalAsync(member, $"{member}.example", "oauth", token);
            await installs.SaveInstallAsync(portalId, $"{member}.example", "app-token", new Bitrix24TokenSet(
                "access", "refresh", TimeProvider.System.GetUtcNow().AddHours(1), new Uri($"https://{member}.example/rest/"), null, member, "crm"), token);
            await installs.SetStatusAsync(member, status, "test", forgetTokens: false, token);
            var key = $"key-{member}";
            await using var connection = await rig.Connections.OpenAsync(token);
            await connection.ExecuteAsync("INSERT INTO send_keys (send_key, portal_id, name, kind, created_at) VALUES (@Key, @PortalId, 'x', 'Campaign', '2026-01-01T00:00:00.0000000Z')", new { Key = key, PortalId = portalId });
            keys.Add(key);
        }

        foreach (var key in keys)
        {
            await rig.AddLedgerAsync(key, 1);
        }

        var before = rig.Portal.Stats.RequestsServed;
        var run = await rig.RunAsync();
        var entries = await rig.EntriesAsync();

        Assert.Multiple(() =>
        {
            Assert.That(run.Produced, Is.EqualTo(2));
            Assert.That(run.Dispatch.PortalsSkipped, Is.EqualTo(2));
            Assert.That(run.Dispatch.Calls, Is.Zero);
            Assert.That(entries.Select(e => (e.State, e.Attempts)), Is.EqualTo(new[] { (TimelineNames.Pending, 0L), (TimelineNames.Pending, 0L) }));
            Assert.That(rig.Portal.Stats.RequestsServed, Is.EqualTo(before));
        });
    }
}
