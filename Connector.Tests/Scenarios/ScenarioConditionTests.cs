using Connector.Scenarios;
using Connector.Segments;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Scenarios;

/// <summary>Conditions beyond this enrollment's own e-mails: any e-mail to the contact opened within N days, and a saved segment; and the portal's zone.</summary>
[CancelAfter(120_000)]
public sealed class ScenarioConditionTests
{
    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    [Test]
    public async Task OpenedAnyIn_CountsAnotherScenariosEmail_OnlyWithinTheWindow()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.ImportAsync("name: a\ntrigger: { type: contact_created }\nsteps:\n  - send: welcome\n");
        await rig.ImportAsync("""
            name: b
            trigger: { type: contact_created }
            steps:
              - wait: 1h
              - id: engaged
                condition: { opened: { any_in: 30d } }
                then: tips
                else: done
              - id: tips
                send: welcome-tips
              - id: done
                exit: true
            """);
        await rig.AddContactsAsync([1, 2]);
        await rig.TickAsync();
        var welcome = rig.Queue.Created.Single(l => l.ContactId == 1).SendKey;
        await rig.OpenAsync(welcome);
        rig.Time.Advance(TimeSpan.FromHours(1));
        await rig.TickAsync();

        Assert.That(rig.Queue.Created.Where(l => l.TemplateName == "welcome-tips").Select(l => l.ContactId), Is.EqualTo(new long?[] { 1 }));
    }

    [Test]
    public async Task InSegment_TheContactIsInTheSavedSegmentNow()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.Services.GetRequiredService<SegmentStore>().SaveAsync("vip", "contact.custom.UF_CRM_VIP = \"Y\"", Token);
        await rig.ImportAsync("""
            name: vip-only
            trigger: { type: contact_created }
            steps:
              - condition: { segment: vip }
                then: mail
                else: done
              - id: mail
                send: welcome
              - id: done
                exit: true
            """);
        await rig.AddContactsAsync([1], new Dictionary<string, IReadOnlyList<string>> { ["UF_CRM_VIP"] = ["Y"] });
        await rig.AddContactsAsync([2]);

        await rig.TickAsync();

        Assert.That(rig.Queue.Created.Select(l => l.ContactId), Is.EqualTo(new long?[] { 1 }));
    }

    [Test]
    public async Task Import_ConditionOnAnUnknownSegment_ErrorWithItsLine()
    {
        await using var rig = await ScenarioRig.StartAsync();

        var (_, errors) = await rig.Services.GetRequiredService<ScenarioImporter>().ImportAsync(
            "name: x\ntrigger: { type: contact_created }\nsteps:\n  - condition: { segment: nobody }\n  - send: welcome\n", rig.Portal, Token);

        Assert.That(errors.Select(e => e.Format("x.yaml")), Is.EqualTo(new[] { "x.yaml:4: condition 'step-1': unknown segment 'nobody' (crm-esp segment list shows the saved ones)" }));
    }

    [Test]
    public async Task WaitWindow_ContactWithoutAZone_UsesThePortalsZone_BeforeTheDefault()
    {
        await using var rig = await ScenarioRig.StartAsync(new Dictionary<string, string?> { ["Scenarios:TimeZoneField"] = "UF_CRM_TZ" });
        await using (var connection = await rig.Connections.OpenAsync(Token))
        {
            await connection.ExecuteAsync("UPDATE portals SET time_zone = '+10:00' WHERE id = @Id", new { Id = rig.Portal });
        }

        await rig.ImportAsync("""
            name: morning
            trigger: { type: contact_created }
            steps:
              - wait: { until: { from: "09:00", to: "10:00" } }
              - send: welcome
            """);
        await rig.AddContactsAsync([1]);

        // T0 is 09:00 UTC = 19:00 at +10:00: the next 09:00 there is 23:00 UTC.
        await rig.TickAsync();
        var atT0 = rig.SentKeys().Count;
        rig.Time.Advance(TimeSpan.FromHours(14));
        await rig.TickAsync();

        Assert.That((atT0, rig.SentKeys().Count), Is.EqualTo((0, 1)));
    }
}
