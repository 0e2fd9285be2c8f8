using Connector.Crm.Bitrix24.Portals;
using Connector.Sandbox;
using Connector.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Crm.Bitrix24.App;

[NonParallelizable]
[CancelAfter(120_000)]
public sealed class EventScaleAndPortalsTests
{
    [Test]
    public async Task Events_BurstOf1000DealMoves_MirroredWithAboutOneListCallPer50Deals()
    {
        await using var rig = await AppRig.StartAsync(new SandboxOptions { Seed = 31, Contacts = 50, Deals = 1_600 });
        await rig.InstallAsync();
        await AppRig.EventuallyAsync(() => rig.BaselineAsync());
        var crm = rig.Portal.Portal;
        var before = crm.Stats;
        var moves = crm.Deals.Where(d => d.StageSemanticId == "P").Take(1_000)
            .Select(d => (d.Id, To: crm.Stages.First(s => s.CategoryId == d.CategoryId && s.StatusId != d.StageId && s.Semantics == "process").StatusId)).ToList();

        foreach (var (id, to) in moves)
        {
            crm.MoveDeal(id, to);
        }

        await crm.DrainEventsAsync(TestContext.CurrentContext.CancellationToken);
        var portalId = await rig.PortalIdAsync();
        var done = await AppRig.EventuallyAsync(async () =>
            await rig.Mirror.TransitionsAsync(portalId, null, TestContext.CurrentContext.CancellationToken).CountAsync(t => t.DetectedBy == "event") == moves.Count, seconds: 60);

        var after = crm.Stats;
        var listCalls = after.CallsPerMethod.GetValueOrDefault("crm.item.list") - before.CallsPerMethod.GetValueOrDefault("crm.item.list");
        var requests = after.RequestsServed - before.RequestsServed;
        var minimum = (int)Math.Ceiling(moves.Count / 50.0);
        await TestContext.Out.WriteLineAsync($"{moves.Count} moves: {listCalls} crm.item.list calls in {requests} requests (minimum {minimum} calls)");
        Assert.Multiple(() =>
        {
            Assert.That(done, Is.True);
            Assert.That(listCalls, Is.InRange(minimum, minimum * 2), "events coalesce into reads of 50 IDs each");
            Assert.That(requests, Is.LessThanOrEqualTo(minimum), "at most 50 reads to a batch request");
        });
    }

    [Test]
    public async Task Sync_TenPercentOfEventsLost_EveryTransitionStillReachesTheMirrorByPollOrHistory()
    {
        await using var rig = await AppRig.StartAsync(new SandboxOptions { Seed = 41, Contacts = 30, Deals = 200, EventLossPercent = 10 });
        await rig.InstallAsync();
        await AppRig.EventuallyAsync(() => rig.BaselineAsync());
        var crm = rig.Portal.Portal;
        var moves = crm.Deals.Where(d => d.StageSemanticId == "P").Take(100)
            .Select(d => (d.Id, To: crm.Stages.First(s => s.CategoryId == d.CategoryId && s.StatusId != d.StageId && s.Semantics == "process").StatusId)).ToList();
        foreach (var (id, to) in moves)
        {
            crm.MoveDeal(id, to);
        }

        await crm.DrainEventsAsync(TestContext.CurrentContext.CancellationToken);
        var portalId = await rig.PortalIdAsync();
        await AppRig.EventuallyAsync(async () => await InstallAndEventsTests.PendingAsync(rig) == 0);

        // One incremental interval later (the job's pass, run here directly).
        var summary = await rig.View.GetRequiredService<MirrorSync>().RunAsync(crm.Options.MemberId, SyncMode.Incremental, TestContext.CurrentContext.CancellationToken);

        var transitions = await rig.Mirror.TransitionsAsync(portalId, null, TestContext.CurrentContext.CancellationToken).ToListAsync();
        var byDeal = transitions.GroupBy(t => t.DealId).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Multiple(() =>
        {
            Assert.That(crm.EventStats.Dropped, Is.GreaterThan(0), "the portal did lose events");
            Assert.That(summary.Succeeded, Is.True, summary.Error);
            Assert.That(moves.All(m => byDeal.TryGetValue(m.Id, out var t) && t.Count == 1 && t[0].ToStage == m.To), Is.True);
            Assert.That(transitions.Count(t => t.DetectedBy is "poll" or "history"), Is.EqualTo(crm.EventStats.Dropped));
        });
    }

    [Test]
    public async Task Events_MoveToAnotherPipeline_RecordedWithBothPipelines()
    {
        await using var rig = await AppRig.StartAsync();
        await rig.InstallAsync();
        await AppRig.EventuallyAsync(() => rig.BaselineAsync());
        var crm = rig.Portal.Portal;
        var deal = crm.Deals.First(d => d.CategoryId == 0 && d.StageSemanticId == "P");

        crm.MoveDealToCategory(deal.Id, 1);
        await crm.DrainEventsAsync(TestContext.CurrentContext.CancellationToken);
        await AppRig.EventuallyAsync(async () => (await rig.TransitionsAsync(deal.Id)).Count == 1);

        var t = (await rig.TransitionsAsync(deal.Id)).Single();
        Assert.Multiple(() =>
        {
            Assert.That((t.FromPipeline, t.ToPipeline), Is.EqualTo(((long?)0, 1L)));
            Assert.That(t.ToStage, Does.StartWith("C1:"));
            Assert.That(t.DetectedBy, Is.EqualTo("event"));
        });
    }

    [Test]
    public async Task Events_CausedByAutomation_NoUserTokensButAppliedWithTheStoredOnes()
    {
        await using var rig = await AppRig.StartAsync();
        await rig.InstallAsync();
        await AppRig.EventuallyAsync(() => rig.BaselineAsync());
        var crm = rig.Portal.Portal;
        crm.ChangesByAutomation = true;
        var deal = crm.Deals.First(d => d.StageSemanticId == "P");
        var target = crm.Stages.First(s => s.CategoryId == deal.CategoryId && s.StatusId != deal.StageId && s.Semantics == "process").StatusId;

        crm.MoveDeal(deal.Id, target);
        await crm.DrainEventsAsync(TestContext.CurrentContext.CancellationToken);

        Assert.That(await AppRig.EventuallyAsync(async () => (await rig.TransitionsAsync(deal.Id)).Any(t => t.ToStage == target && t.DetectedBy == "event")), Is.True);
    }

    [Test]
    public async Task Portals_TwoSideBySide_KeepTheirOwnDataAndADeadOneDoesNotStopTheOther()
    {
        await using var rig = await AppRig.StartAsync(new SandboxOptions { Seed = 51, Contacts = 40, Deals = 10 });
        var second = await rig.AddPortalAsync(new SandboxOptions { Seed = 52, Contacts = 25, Deals = 5 });
        await rig.InstallAsync();
        await rig.InstallAsync(second);
        await AppRig.EventuallyAsync(async () => await rig.BaselineAsync() && await rig.BaselineAsync(second));
        var first = rig.Portal.Portal;

        // Portal 2's token on portal 1's events is refused.
        var crossed = await InstallAndEventsTests.PostEventAsync(rig, first.Options.MemberId, second.Portal.ApplicationToken!, "ONCRMCONTACTUPDATE", "1");
        await second.DisposeAsync();
        first.UpdateContact(first.Contacts[0].Id, new SandboxContactFields { Name = "Только первый" });
        await first.DrainEventsAsync(TestContext.CurrentContext.CancellationToken);
        var summaries = await rig.View.GetRequiredService<MirrorSync>().RunAllAsync(SyncMode.Incremental, null, TestContext.CurrentContext.CancellationToken);

        var one = await rig.Mirror.ContactsAsync(await rig.PortalIdAsync(), TestContext.CurrentContext.CancellationToken).ToListAsync();
        var two = await rig.Mirror.ContactsAsync(await rig.Mirror.PortalIdAsync(second.Portal.Options.MemberId, TestContext.CurrentContext.CancellationToken) ?? 0, TestContext.CurrentContext.CancellationToken).ToListAsync();
        Assert.Multiple(() =>
        {
            Assert.That(crossed.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Unauthorized));
            Assert.That((one.Count, two.Count), Is.EqualTo((40, 25)));
            Assert.That(summaries.Single(s => s.Portal == first.Options.MemberId).Succeeded, Is.True);
            Assert.That(summaries.Single(s => s.Portal == second.Portal.Options.MemberId).Succeeded, Is.False);
            Assert.That(one[0].Name, Is.EqualTo("Только первый"));
        });
    }

    [Test]
    public async Task Events_WebhookModeOutgoingWebhook_AcceptedWithTheConfiguredToken()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Seed = 61, Contacts = 20, Deals = 5 }, TimeProvider.System, TestContext.CurrentContext.CancellationToken);
        await using var rig = await AppRig.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Bitrix24:WebhookUrl"] = sandbox.WebhookUrl.AbsoluteUri,
            ["Bitrix24:ApplicationToken"] = "outgoing-webhook-token-0001",
        });
        await rig.View.GetRequiredService<MirrorSync>().RunAsync(WebhookUrl.ToPortal(sandbox.WebhookUrl.AbsoluteUri).Key, SyncMode.Full, TestContext.CurrentContext.CancellationToken);
        sandbox.Portal.AddOutgoingWebhook(new Uri(rig.Connector, "b24/events"), ["ONCRMCONTACTUPDATE"], "outgoing-webhook-token-0001");
        var contact = sandbox.Portal.Contacts[3];

        sandbox.Portal.UpdateContact(contact.Id, new SandboxContactFields { LastName = "Вебхуков" });
        await sandbox.Portal.DrainEventsAsync(TestContext.CurrentContext.CancellationToken);
        var portalId = await rig.Mirror.PortalIdAsync(WebhookUrl.ToPortal(sandbox.WebhookUrl.AbsoluteUri).Key, TestContext.CurrentContext.CancellationToken) ?? 0;
        var applied = await AppRig.EventuallyAsync(async () =>
            (await rig.Mirror.ContactsAsync(portalId, TestContext.CurrentContext.CancellationToken).FirstAsync(c => c.Id == contact.Id)).LastName == "Вебхуков");

        Assert.That(applied, Is.True);
    }
}
