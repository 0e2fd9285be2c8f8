using Connector.Sandbox;
using Connector.Store;
using Connector.Tests.Crm.Bitrix24.App;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Timeline;

/// <summary>
/// App mode end to end: the served connector installed into a sandbox portal (OAuth) creates the opt-out field and
/// registers the triggers, its scheduler's timeline job writes log messages and fires triggers once per (message, kind),
/// and the triggers go with the app.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TimelineAppTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task ServedConnector_InstalledApp_LogMessagesAndTriggersOncePerMessageAndKind()
    {
        await using var rig = await AppRig.StartAsync(settings: new Dictionary<string, string?> { ["Timeline:IntervalSeconds"] = "1" });
        await rig.InstallAsync();
        var crm = rig.Portal.Portal;
        var token = TestContext.CurrentContext.CancellationToken;
        var portalId = await rig.PortalIdAsync();
        var deal = crm.Deals.First(d => d.ContactIds.Count > 0);
        var contact = deal.ContactIds[0];

        var connections = rig.View.GetRequiredService<SqliteConnectionFactory>();
        await using (var connection = await connections.OpenAsync(token))
        {
            var now = UtcText.From(TimeProvider.System.GetUtcNow());
            await connection.ExecuteAsync("INSERT INTO send_keys (send_key, portal_id, name, kind, deal_id, created_at) VALUES ('spring', @PortalId, 'Spring', 'Campaign', @Deal, @Now)",
                new { PortalId = portalId, Deal = deal.Id, Now = now });
            var ledger = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO send_ledger (send_key, recipient, contact_id, state, due_at, next_attempt_at, created_at, updated_at)
                VALUES ('spring', 'a@example.org', @Contact, 'sent', @Now, @Now, @Now, @Now) RETURNING id
                """, new { Contact = contact, Now = now });
            foreach (var (kind, url) in new[] { ("open", (string?)null), ("open", null), ("click", "https://shop.example/1"), ("click", "https://shop.example/2"), ("click", "https://shop.example/1") })
            {
                await connection.ExecuteAsync("INSERT INTO engagement_hits (ledger_id, contact_id, kind, url, at, machine) VALUES (@Ledger, @Contact, @Kind, @Url, @Now, 0)",
                    new { Ledger = ledger, Contact = contact, Kind = kind, Url = url, Now = now });
            }
        }

        // sent, opened, clicked 1, clicked 2 on the contact and on the deal.
        var written = await AppRig.EventuallyAsync(() => Task.FromResult(crm.TimelineOf(2, deal.Id).Count == 4 && crm.TriggerRuns.Count == 2));
        await Task.Delay(TimeSpan.FromSeconds(2), token);
        var registered = crm.Triggers.Select(t => t.Key).ToList();
        var field = crm.ContactUserFieldRows.Where(f => !SandboxUserFields.IsDefined(f.FieldName)).ToList();
        var onContact = crm.TimelineOf(3, contact);
        var runs = crm.TriggerRuns;
        await crm.UninstallAsync(clean: false, token);

        Assert.Multiple(() =>
        {
            Assert.That(written, Is.True);
            Assert.That(registered, Is.EquivalentTo(new[] { "email_opened", "link_clicked", "unsubscribed", "hard_bounce", "complaint" }));
            Assert.That(field.Select(f => (f.FieldName, f.UserTypeId)), Is.EqualTo(new[] { ("UF_CRM_ESP_UNSUBSCRIBED", "boolean") }), "the one field the app adds");
            Assert.That(onContact, Has.Count.EqualTo(4));
            Assert.That(onContact.All(e => e.IsLogMessage && e.IconCode == "info"), Is.True, "an app writes log messages");
            Assert.That(onContact.Select(e => e.Title), Is.EqualTo(new[] { "Письмо отправлено", "Письмо открыто", "Переход по ссылке в письме", "Переход по ссылке в письме" }));
            Assert.That(runs.Select(r => (r.Code, r.OwnerTypeId, r.OwnerId)), Is.EquivalentTo(new[] { ("email_opened", 2, deal.Id), ("link_clicked", 2, deal.Id) }), "once per (message, kind), not per link");
            Assert.That(crm.Triggers, Is.Empty, "the triggers go with the app");
        });
    }
}
