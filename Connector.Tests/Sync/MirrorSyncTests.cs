using System.Globalization;
using Connector.Cli;
using Connector.Crm.Bitrix24;
using Connector.Sandbox;
using Connector.Store;
using Connector.Sync;
using Connector.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Connector.Tests.Sync;

[NonParallelizable]
[CancelAfter(120_000)]
public sealed class MirrorSyncTests
{
    [Test]
    public async Task RunAsync_Full20000Contacts5000Deals_MirrorEqualsPortalAtMinimumRequests()
    {
        await using var rig = await SyncRig.StartAsync(new SandboxOptions { Seed = 7, Contacts = 20_000, Deals = 5_000 });

        var summary = await rig.RunAsync(SyncMode.Full);

        // The least any reader could do: every row in pages of 50, the dictionaries and app.info/history once each,
        // 50 calls to a request.
        var dictionaryCalls = 1 + rig.Crm.Pipelines.Count;
        var minimum = (int)Math.Ceiling((Math.Ceiling(20_000 / 50.0) + Math.Ceiling(5_000 / 50.0) + dictionaryCalls + 2) / 50.0);
        await TestContext.Out.WriteLineAsync($"requests {summary.Requests}, engine minimum {summary.MinimumRequests}, test minimum {minimum}, calls {summary.Calls}, 503s {summary.RateLimited}");
        Assert.Multiple(() =>
        {
            Assert.That(summary.Succeeded, Is.True, summary.Error);
            Assert.That(summary.Contacts, Is.EqualTo(20_000));
            Assert.That(summary.Deals, Is.EqualTo(5_000));
            Assert.That(summary.RateLimited, Is.Zero);
            Assert.That(summary.Requests, Is.LessThanOrEqualTo((long)Math.Floor(1.05 * minimum)), $"requests {summary.Requests}, minimum {minimum}");
            Assert.That(rig.Crm.Stats.QueryLimitRejections, Is.Zero);
        });
        await AssertMirrorEqualsPortalAsync(rig);
    }

    [Test]
    public async Task RunAsync_IncrementalAfterUpdatesAndDeletes_MirrorFollowsPortal()
    {
        await using var rig = await SyncRig.StartAsync(new SandboxOptions { Seed = 3, Contacts = 300, Deals = 120 }, new Dictionary<string, string?> { ["Sync:ReconcileInterval"] = "00:00:00.001" });
        await rig.RunAsync(SyncMode.Full);
        var contact = rig.Crm.Contacts[10];
        var deal = rig.Crm.Deals.First(d => d.StageSemanticId == "P");
        rig.Crm.UpdateContact(contact.Id, new SandboxContactFields { Name = "Изменённое", Emails = [new SandboxEmail(0, "WORK", " New@ПРИМЕР.рф ")] });
        var added = rig.Crm.AddContact(new SandboxContactFields { Name = "Новый", LastName = "Контакт", Emails = [new SandboxEmail(0, "WORK", "new@example.com")] });
        var gone = rig.Crm.Contacts[20].Id;
        rig.Crm.DeleteContact(gone);
        var goneDeal = rig.Crm.Deals[5].Id;
        rig.Crm.DeleteDeal(goneDeal);
        var target = rig.Crm.Stages.First(s => s.CategoryId == deal.CategoryId && s.StatusId != deal.StageId && s.Semantics == "process").StatusId;
        rig.Crm.MoveDeal(deal.Id, target);

        var summary = await rig.RunAsync(SyncMode.Incremental);

        var contacts = await rig.ContactsAsync();
        var deals = await rig.DealsAsync();
        var transitions = await rig.TransitionsAsync(deal.Id);
        Assert.Multiple(() =>
        {
            Assert.That(summary.Succeeded, Is.True, summary.Error);
            Assert.That(summary.Kind, Is.EqualTo("incremental"));
            Assert.That(contacts.Single(c => c.Id == contact.Id).Name, Is.EqualTo("Изменённое"));
            Assert.That(contacts.Single(c => c.Id == contact.Id).Emails, Does.Contain("New@xn--e1afmkfd.xn--p1ai"));
            Assert.That(contacts.Single(c => c.Id == added.Id).Deleted, Is.Zero);
            Assert.That(contacts.Single(c => c.Id == gone).Deleted, Is.EqualTo(1));
            Assert.That(deals.Single(d => d.Id == goneDeal).Deleted, Is.EqualTo(1));
            Assert.That(deals.Single(d => d.Id == deal.Id).StageId, Is.EqualTo(target));
            Assert.That(transitions.Select(t => (t.FromStage, t.ToStage)), Is.EqualTo(new[] { ((string?)deal.StageId, target) }));
            Assert.That(summary.DeletedContacts, Is.EqualTo(1));
            Assert.That(summary.DeletedDeals, Is.EqualTo(1));
        });
        await AssertMirrorEqualsPortalAsync(rig);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task RunAsync_OneBatchAnswerTruncated_RetriedOnceAndMirrorEqualsPortal(CancellationToken cancellationToken)
    {
        // WireMock in front of the sandbox: the first batch gets a 200 cut off mid-body, everything else is proxied.
        using var proxy = WireMockServer.Start();
        await using var rig = await SyncRig.StartAsync(
            new SandboxOptions { Seed = 9, Contacts = 300, Deals = 120 }, portalUrl: webhook => new Uri(new Uri(proxy.Url!), webhook.AbsolutePath));
        proxy.Given(Request.Create().WithPath(new WildcardMatcher("*/batch")).UsingPost()).AtPriority(1)
            .InScenario("cut").WillSetStateTo("cut once")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody("""{"result":{"result":{"c0":[{"ID":"1","NAME":"Ан"""));
        proxy.Given(Request.Create().WithPath(new WildcardMatcher("/*")).UsingAnyMethod()).AtPriority(10)
            .RespondWith(Response.Create().WithProxy(rig.Sandbox.WebhookUrl.GetLeftPart(UriPartial.Authority)));

        var summary = await rig.Sync.RunAsync("sandbox", SyncMode.Full, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(summary.Succeeded, Is.True, summary.Error);
            Assert.That(summary.Contacts, Is.EqualTo(300));
            Assert.That(summary.Deals, Is.EqualTo(120));
            Assert.That(rig.Counters.Retries, Is.EqualTo(1));
            Assert.That(proxy.LogEntries.Count, Is.EqualTo(rig.Crm.Stats.RequestsServed + 1), "one answer never reached the sandbox");
        });
        await AssertMirrorEqualsPortalAsync(rig);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task RunAsync_RecordsDeletedWhileFullPassRuns_IncrementalPassAnIntervalAfterItsStartMarksThemDeleted(CancellationToken cancellationToken)
    {
        // The sync engine's clock is fake: the full pass "takes" 40 minutes (advanced between pages), then 25 more pass.
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        SandboxPortal? crm = null;
        long? goneContact = null, goneDeal = null;
        await using var rig = await SyncRig.StartAsync(new SandboxOptions { Seed = 5, Contacts = 300, Deals = 120 }, decorate: inner =>
            new HookedBitrix24Client(inner, (commands, outcome) =>
            {
                // A record already read in this pass is deleted while later pages are still being read.
                foreach (var command in commands.Where(c => outcome.Results.ContainsKey(c.Key)))
                {
                    var result = outcome.Results[command.Key];
                    if (goneContact is null && command.Method == "crm.contact.list" && result.GetArrayLength() > 0)
                    {
                        goneContact = long.Parse(result[0].GetProperty("ID").GetString()!, CultureInfo.InvariantCulture);
                        crm!.DeleteContact(goneContact.Value);
                        clock.Advance(TimeSpan.FromMinutes(20));
                    }
                    else if (goneDeal is null && command.Method == "crm.item.list" && result.GetProperty("items").GetArrayLength() > 0)
                    {
                        goneDeal = result.GetProperty("items")[0].GetProperty("id").GetInt64();
                        crm!.DeleteDeal(goneDeal.Value);
                        clock.Advance(TimeSpan.FromMinutes(20));
                    }
                }
            }));
        crm = rig.Crm;
        var sync = rig.SyncOn(clock);

        var full = await sync.RunAsync("sandbox", SyncMode.Full, cancellationToken);
        var liveAfterFull = (await rig.ContactsAsync()).Single(c => c.Id == goneContact).Deleted == 0;
        clock.Advance(TimeSpan.FromMinutes(25));
        var incremental = await sync.RunAsync("sandbox", SyncMode.Incremental, cancellationToken);

        var contacts = await rig.ContactsAsync();
        var deals = await rig.DealsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(full.Succeeded, Is.True, full.Error);
            Assert.That(goneContact, Is.Not.Null);
            Assert.That(goneDeal, Is.Not.Null);
            Assert.That(liveAfterFull, Is.True, "the full pass had read it before it was deleted");
            Assert.That(incremental.Succeeded, Is.True, incremental.Error);
            Assert.That(incremental.DeletedContacts, Is.EqualTo(1));
            Assert.That(incremental.DeletedDeals, Is.EqualTo(1));
            Assert.That(contacts.Single(c => c.Id == goneContact).Deleted, Is.EqualTo(1));
            Assert.That(deals.Single(d => d.Id == goneDeal).Deleted, Is.EqualTo(1));
        });
        await AssertMirrorEqualsPortalAsync(rig);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task RunAsync_RecordDeletedWhileIdReconcileRuns_FoundByTheReconcileAnIntervalAfterItsStart(CancellationToken cancellationToken)
    {
        // The ID reconcile "takes" 40 minutes on the engine's fake clock; a contact it has already listed is deleted meanwhile.
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        SandboxPortal? crm = null;
        long? gone = null;
        await using var rig = await SyncRig.StartAsync(new SandboxOptions { Seed = 6, Contacts = 200, Deals = 50 }, decorate: inner =>
            new HookedBitrix24Client(inner, (commands, outcome) =>
            {
                foreach (var command in commands.Where(c => gone is null && c.Method == "crm.contact.list" && outcome.Results.ContainsKey(c.Key)))
                {
                    var rows = outcome.Results[command.Key];
                    if (rows.GetArrayLength() > 0 && rows[0].EnumerateObject().Count() == 1)
                    {
                        gone = long.Parse(rows[0].GetProperty("ID").GetString()!, CultureInfo.InvariantCulture);
                        crm!.DeleteContact(gone.Value);
                        clock.Advance(TimeSpan.FromMinutes(40));
                    }
                }
            }));
        crm = rig.Crm;
        var sync = rig.SyncOn(clock);
        await sync.RunAsync("sandbox", SyncMode.Full, cancellationToken);
        clock.Advance(TimeSpan.FromMinutes(61));

        var reconciling = await sync.RunAsync("sandbox", SyncMode.Incremental, cancellationToken);
        clock.Advance(TimeSpan.FromMinutes(25));
        var next = await sync.RunAsync("sandbox", SyncMode.Incremental, cancellationToken);

        var contacts = await rig.ContactsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(gone, Is.Not.Null, "the first incremental pass ran an ID reconcile");
            Assert.That(reconciling.Succeeded && next.Succeeded, Is.True, reconciling.Error ?? next.Error);
            Assert.That(reconciling.DeletedContacts, Is.Zero, "listed before it was deleted");
            Assert.That(next.DeletedContacts, Is.EqualTo(1));
            Assert.That(contacts.Single(c => c.Id == gone).Deleted, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task RunAsync_MovesWhileDown_RecoveredFromStageHistoryInOrder()
    {
        await using var rig = await SyncRig.StartAsync(new SandboxOptions { Seed = 5, Contacts = 50, Deals = 40 });
        await rig.RunAsync(SyncMode.Full);
        var deal = rig.Crm.Deals.First(d => d.StageSemanticId == "P");
        var path = rig.Crm.Stages.Where(s => s.CategoryId == deal.CategoryId && s.StatusId != deal.StageId).OrderBy(s => s.Sort).Select(s => s.StatusId).Take(2).ToList();
        rig.Crm.MoveDeal(deal.Id, path[0]);
        rig.Crm.MoveDeal(deal.Id, path[1]);

        var summary = await rig.RunAsync(SyncMode.Incremental);
        var again = await rig.RunAsync(SyncMode.Incremental);

        var transitions = await rig.TransitionsAsync(deal.Id);
        Assert.Multiple(() =>
        {
            Assert.That(summary.Succeeded, Is.True, summary.Error);
            Assert.That(transitions.Select(t => (t.FromStage, t.ToStage)), Is.EqualTo(new[] { ((string?)deal.StageId, path[0]), (path[0], path[1]) }));
            Assert.That(transitions.Select(t => t.DetectedBy), Is.All.EqualTo("history"));
            Assert.That(again.Transitions, Is.Zero, "a second pass records nothing twice");
        });
    }

    [Test]
    public async Task RunAsync_HistoryLacksTheMove_PollRecordsItOnce()
    {
        // Stage history rows (OWNER_ID + STAGE_ID) are withheld: only comparing the deal with the mirror can see the move.
        await using var rig = await SyncRig.StartAsync(new SandboxOptions { Seed = 6, Contacts = 30, Deals = 30 },
            decorate: inner => new CorruptingBitrix24Client(inner, _ => false, drop: row => row.ContainsKey("OWNER_ID")));
        await rig.RunAsync(SyncMode.Full);
        var deal = rig.Crm.Deals.First(d => d.StageSemanticId == "P");
        var target = rig.Crm.Stages.First(s => s.CategoryId == deal.CategoryId && s.StatusId != deal.StageId && s.Semantics == "process").StatusId;
        var moved = rig.Crm.MoveDeal(deal.Id, target)!;

        await rig.RunAsync(SyncMode.Incremental);
        await rig.RunAsync(SyncMode.Incremental);

        var transitions = await rig.TransitionsAsync(deal.Id);
        Assert.Multiple(() =>
        {
            Assert.That(transitions.Select(t => (t.FromStage, t.ToStage, t.DetectedBy)), Is.EqualTo(new[] { ((string?)deal.StageId, target, "poll") }));
            Assert.That(UtcText.Parse(transitions[0].OccurredAt), Is.EqualTo(moved.MovedTime).Within(TimeSpan.FromSeconds(1)), "the CRM's MOVED_TIME, not the poll's");
        });
    }

    [Test]
    public async Task RunAsync_FirstSync_RecordsNoTransitionsForExistingDeals()
    {
        await using var rig = await SyncRig.StartAsync(new SandboxOptions { Seed = 9, Contacts = 20, Deals = 30 });

        var summary = await rig.RunAsync(SyncMode.Incremental);

        Assert.Multiple(async () =>
        {
            Assert.That(summary.Kind, Is.EqualTo("full"), "a mirror without a baseline gets a full pass");
            Assert.That(await rig.TransitionsAsync(), Is.Empty);
        });
    }

    [Test]
    public async Task RunAsync_DealCreatedAfterBaseline_RecordedAsEnteringItsStage()
    {
        await using var rig = await SyncRig.StartAsync(new SandboxOptions { Seed = 11, Contacts = 20, Deals = 10 });
        await rig.RunAsync(SyncMode.Full);
        var contactIds = rig.Crm.Contacts.Take(2).Select(c => c.Id).ToList();
        var deal = rig.Crm.AddDeal(new SandboxDealFields { Title = "Новая сделка", CategoryId = 0, StageId = "NEW", ContactIds = contactIds });

        await rig.RunAsync(SyncMode.Incremental);

        var transitions = await rig.TransitionsAsync(deal.Id);
        var mirrored = (await rig.DealsAsync()).Single(d => d.Id == deal.Id);
        Assert.Multiple(() =>
        {
            Assert.That(transitions.Select(t => (t.FromStage, t.ToStage)), Is.EqualTo(new[] { ((string?)null, "NEW") }));
            Assert.That(mirrored.ContactIds?.Split(MirrorQueries.ListSeparator).Select(long.Parse), Is.EqualTo(contactIds));
        });
    }

    [Test]
    public async Task RunAsync_OneContactWithBadFieldType_SkippedCountedOthersStoredNotDeleted()
    {
        await using var rig = await SyncRig.StartAsync(new SandboxOptions { Seed = 13, Contacts = 400, Deals = 20 }, decorate: inner =>
            new CorruptingBitrix24Client(inner, row =>
            {
                if (!row.ContainsKey("EMAIL") || row["ID"]?.ToJsonString() != "\"77\"")
                {
                    return false;
                }

                row["EMAIL"] = "not-a-list";
                return true;
            }));
        await rig.RunAsync(SyncMode.Full);

        var second = await rig.RunAsync(SyncMode.Full);

        var contacts = await rig.ContactsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(second.Succeeded, Is.True, second.Error);
            Assert.That(second.Skipped, Is.EqualTo(1));
            Assert.That(second.SkippedReasons.Single(), Does.Contain("crm.contact.list").And.Contain("EMAIL").And.Contain("77"));
            Assert.That(second.Contacts, Is.EqualTo(399));
            Assert.That(contacts.Where(c => c.Id != 77).Count(c => c.Deleted == 0), Is.EqualTo(399));
            Assert.That(contacts.Any(c => c.Id == 77 && c.Deleted == 1), Is.False, "an unreadable record is not taken for a deleted one");
            Assert.That(second.DeletedContacts, Is.Zero);
        });
    }

    [Test]
    public async Task RunAsync_PortalLeasedByAnotherProcess_RefusesToRunTwice()
    {
        await using var rig = await SyncRig.StartAsync(new SandboxOptions { Seed = 1, Contacts = 10, Deals = 5 });
        await rig.RunAsync(SyncMode.Full);
        var portalId = await rig.Queries.PortalIdAsync("sandbox", TestContext.CurrentContext.CancellationToken) ?? 0;
        Assert.That(await rig.State.TryAcquireLeaseAsync(portalId, "other-process", TimeSpan.FromMinutes(5), TestContext.CurrentContext.CancellationToken), Is.True);

        var blocked = await rig.RunAsync(SyncMode.Incremental);
        await rig.State.ReleaseLeaseAsync(portalId, "other-process", TestContext.CurrentContext.CancellationToken);
        var after = await rig.RunAsync(SyncMode.Incremental);

        Assert.Multiple(() =>
        {
            Assert.That(blocked.Succeeded, Is.False);
            Assert.That(blocked.Error, Does.Contain("another sync"));
            Assert.That(after.Succeeded, Is.True, after.Error);
        });
    }

    [Test]
    public async Task RunAsync_FullPassWhilePortalIsBusy_WaitsForTheLeaseThenRuns()
    {
        await using var rig = await SyncRig.StartAsync(new SandboxOptions { Seed = 2, Contacts = 10, Deals = 5 });
        await rig.RunAsync(SyncMode.Full);
        var portalId = await rig.Queries.PortalIdAsync("sandbox", TestContext.CurrentContext.CancellationToken) ?? 0;
        await rig.State.TryAcquireLeaseAsync(portalId, "running-pass", TimeSpan.FromMinutes(5), TestContext.CurrentContext.CancellationToken);

        var full = rig.RunAsync(SyncMode.Full);
        await Task.Delay(1500);
        var stillWaiting = !full.IsCompleted;
        await rig.State.ReleaseLeaseAsync(portalId, "running-pass", TestContext.CurrentContext.CancellationToken);
        var summary = await full;

        Assert.Multiple(() =>
        {
            Assert.That(stillWaiting, Is.True, "a requested full pass is not dropped while another pass runs");
            Assert.That(summary.Succeeded, Is.True, summary.Error);
        });
    }

    [Test]
    public async Task RunAsync_FullPassAndLeaseNeverFreed_GivesUpAfterLeaseWait()
    {
        await using var rig = await SyncRig.StartAsync(new SandboxOptions { Seed = 2, Contacts = 10, Deals = 5 }, new Dictionary<string, string?> { ["Sync:LeaseWait"] = "00:00:01" });
        await rig.RunAsync(SyncMode.Full);
        var portalId = await rig.Queries.PortalIdAsync("sandbox", TestContext.CurrentContext.CancellationToken) ?? 0;
        await rig.State.TryAcquireLeaseAsync(portalId, "stuck-pass", TimeSpan.FromMinutes(5), TestContext.CurrentContext.CancellationToken);

        var summary = await rig.RunAsync(SyncMode.Full);

        Assert.Multiple(() =>
        {
            Assert.That(summary.Succeeded, Is.False);
            Assert.That(summary.Error, Does.Contain("another sync"));
        });
    }

    private static async Task AssertMirrorEqualsPortalAsync(SyncRig rig)
    {
        var contacts = (await rig.ContactsAsync()).Where(c => c.Deleted == 0).ToDictionary(c => c.Id);
        var deals = (await rig.DealsAsync()).Where(d => d.Deleted == 0).ToDictionary(d => d.Id);
        Assert.That(contacts.Keys, Is.EquivalentTo(rig.Crm.Contacts.Select(c => c.Id)));
        Assert.That(deals.Keys, Is.EquivalentTo(rig.Crm.Deals.Select(d => d.Id)));
        foreach (var c in rig.Crm.Contacts)
        {
            var m = contacts[c.Id];
            var expected = c.Emails.Select(e => EmailNormalizer.Normalize(new CrmEmail(e.Value, e.ValueType)).Address).ToList();
            Assert.That((m.Name ?? "", m.LastName ?? "", m.Emails?.Split(MirrorQueries.ListSeparator) ?? []), Is.EqualTo((c.Name, c.LastName, expected.ToArray())), $"contact {c.Id}");
        }

        foreach (var d in rig.Crm.Deals)
        {
            var m = deals[d.Id];
            Assert.That((m.StageId, m.CategoryId, m.ContactIds?.Split(MirrorQueries.ListSeparator).Select(long.Parse).ToList() ?? []),
                Is.EqualTo((d.StageId, (long)d.CategoryId, d.ContactIds.ToList())), $"deal {d.Id}");
        }
    }
}
