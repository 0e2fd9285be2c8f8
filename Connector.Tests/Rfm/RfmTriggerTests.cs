using Connector.Rfm;
using Connector.Scenarios;
using Connector.Sync;
using Connector.Tests.Scenarios;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Rfm;

/// <summary>The <c>rfm_entered</c> scenario trigger: a contact moving into the named RFM segment enters once; a bad code is an import error.</summary>
[CancelAfter(120_000)]
public sealed class RfmTriggerTests
{
    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    [Test]
    public async Task RfmEntered_ContactMovesIntoAtRisk_EntersOnce()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1, 2, 3, 4]);
        var now = rig.Time.GetUtcNow();
        await WonAsync(rig, 1, now.AddDays(-300), now.AddDays(-310), now.AddDays(-320));   // can't lose: frequent, long gone
        await WonAsync(rig, 2, now.AddDays(-1));                                          // new customer
        await WonAsync(rig, 3, now.AddDays(-250), now.AddDays(-260));                     // need attention
        var refresher = rig.Services.GetRequiredService<RfmRefresher>();
        await refresher.RefreshAsync(rig.Portal, Token);
        await rig.ImportAsync("""
            name: win-back
            trigger: { type: rfm_entered, segment: at_risk }
            steps:
              - send: welcome
            """);

        await rig.TickAsync();
        var atImport = rig.Queue.Created.Count;
        // A fourth, very frequent buyer arrives: contact 1's frequency rank drops and it moves from can't lose into at risk.
        await WonAsync(rig, 4, now, now.AddHours(-1), now.AddHours(-2), now.AddHours(-3), now.AddHours(-4));
        await refresher.RefreshAsync(rig.Portal, Token);
        await rig.TickAsync();
        await rig.TickAsync();
        await refresher.RefreshAsync(rig.Portal, Token);
        await rig.TickAsync();

        Assert.Multiple(() =>
        {
            Assert.That(atImport, Is.Zero);
            Assert.That(rig.Queue.Created.Select(l => l.ContactId), Is.EqualTo(new long?[] { 1 }));
        });
    }

    [Test]
    public async Task Import_UnknownRfmSegment_ErrorNamingTheCodes_NothingStored()
    {
        await using var rig = await ScenarioRig.StartAsync();

        var (imported, errors) = await rig.Services.GetRequiredService<ScenarioImporter>().ImportAsync(
            "name: x\ntrigger:\n  type: rfm_entered\n  segment: at risk\nsteps:\n  - send: welcome\n", rig.Portal, Token);

        Assert.Multiple(async () =>
        {
            Assert.That(imported, Is.Null);
            Assert.That(errors.Select(e => e.Format("x.yaml")), Is.EqualTo(new[]
            {
                $"x.yaml:4: 'segment': 'at risk' is not an RFM segment ({string.Join(", ", RfmSegments.All)})",
            }));
            Assert.That(await rig.Scenarios.ListAsync(Token), Is.Empty);
        });
    }

    private static Task<int> WonAsync(ScenarioRig rig, long contact, params DateTimeOffset[] wonAt) =>
        rig.Mirror.UpsertDealsAsync(rig.Portal, [.. wonAt.Select((at, i) => new CrmDeal
        {
            Id = contact * 100 + i, Title = $"Deal {contact}/{i}", StageId = "WON", CategoryId = 0, ContactIds = [contact], StageSemantic = "S",
            Amount = 100, Currency = "RUB", CreatedAt = at.AddDays(-30), ModifiedAt = at, MovedAt = at,
        })], null, recordNewDeals: false, "poll", Token);
}
