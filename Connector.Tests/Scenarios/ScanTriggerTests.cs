using Connector.Scenarios;
using Connector.Segments;
using Connector.Sync;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Scenarios;

/// <summary>
/// The scan triggers (deal_idle, date_field, no_won_deal, segment_entered) on the real store and a fake clock: each
/// occurrence enters once, from the import on; one found later than max_lateness is skipped and counted once.
/// </summary>
[CancelAfter(120_000)]
public sealed class ScanTriggerTests
{
    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    [Test]
    public async Task Reactivation_NoWonDeal_OncePerLapse_LapsesBeforeImportIgnored_LateCountedOnce()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1, 2, 3, 4]);
        await WonDealAsync(rig, 11, contact: 1, ScenarioRig.T0.AddDays(-365).AddHours(1));   // lapses an hour after the import
        await WonDealAsync(rig, 12, contact: 2, ScenarioRig.T0.AddDays(-400));               // lapsed before the import
        await rig.MoveDealsAsync([3], "EXECUTING");                                            // never won
        var scenario = await rig.ImportManifestAsync("reactivation.yaml");

        await rig.TickAsync();
        var atImport = rig.SentKeys().Count;
        rig.Time.Advance(TimeSpan.FromHours(2));
        await rig.TickAsync();
        await rig.TickAsync();
        var afterLapse = rig.Queue.Created.Select(l => l.ContactId).ToList();
        // Ten days on, the mirror learns of contact 4's deal won 365 days before day 2: its lapse is 8 days old, later than 7d.
        rig.Time.Advance(TimeSpan.FromDays(10));
        await WonDealAsync(rig, 14, contact: 4, ScenarioRig.T0.AddDays(-363));
        await rig.TickAsync();
        await rig.TickAsync();
        // Contact 1 wins again and lapses again a year later: a new lapse.
        await WonDealAsync(rig, 15, contact: 1, rig.Time.GetUtcNow());
        rig.Time.Advance(TimeSpan.FromDays(365) + TimeSpan.FromMinutes(1));
        await rig.TickAsync();

        var row = await rig.Scenarios.FindAsync(scenario.ScenarioId, Token);
        Assert.Multiple(() =>
        {
            Assert.That(atImport, Is.Zero);
            Assert.That(afterLapse, Is.EqualTo(new long?[] { 1 }));
            Assert.That(row!.SkippedLate, Is.EqualTo(1), "contact 4's lapse, counted once over two passes");
            // The first lapse's letter, its reminder a week later (not clicked), and the new lapse's letter a year on.
            Assert.That(rig.Queue.Created.Select(l => (l.ContactId, l.SendKey.Split(':')[1])),
                Is.EqualTo(new (long?, string)[] { (1, "miss-you"), (1, "reminder"), (1, "miss-you") }));
        });
    }

    [Test]
    public async Task DealIdle_OncePerStayInTheStage()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1, 2, 3]);
        await rig.MoveDealAsync(3, "EXECUTING", ScenarioRig.T0.AddDays(-10));   // idle since before the import: not acted on
        var scenario = await rig.ImportAsync("""
            name: idle
            trigger: { type: deal_idle, pipeline: 0, stage: EXECUTING, days: 3 }
            re_entry: always
            steps:
              - send: proposal-reminder
            """);
        await rig.MoveDealsAsync([1, 2], "EXECUTING");
        rig.Time.Advance(TimeSpan.FromDays(1));
        await rig.MoveDealAsync(2, "PREPARATION");
        rig.Time.Advance(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1));
        await rig.TickAsync();
        var before = rig.SentKeys().Count;
        rig.Time.Advance(TimeSpan.FromMinutes(2));
        await rig.TickAsync();
        await rig.TickAsync();
        var first = rig.Queue.Created.Select(l => l.DealId).ToList();
        // Out and back in: a new stay, idle again three days later.
        await rig.MoveDealAsync(1, "PREPARATION");
        await rig.MoveDealAsync(1, "EXECUTING");
        rig.Time.Advance(TimeSpan.FromDays(3));
        await rig.TickAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(before, Is.Zero);
            Assert.That(first, Is.EqualTo(new long?[] { 1 }));
            Assert.That(rig.Queue.Created.Select(l => l.DealId), Is.EqualTo(new long?[] { 1, 1 }));
            Assert.That((await rig.Scenarios.FindAsync(scenario.ScenarioId, Token))!.SkippedLate, Is.Zero);
        });
    }

    [Test]
    public async Task DateField_Birthday_WeekBeforeAt10InTheContactsZone_EveryYear()
    {
        await using var rig = await ScenarioRig.StartAsync(new Dictionary<string, string?> { ["Scenarios:TimeZoneField"] = "UF_CRM_TZ" });
        await rig.AddContactsAsync([1], new Dictionary<string, IReadOnlyList<string>> { ["UF_CRM_BIRTHDAY"] = ["1990-12-10"], ["UF_CRM_TZ"] = ["Asia/Vladivostok"] });
        await rig.AddContactsAsync([2], new Dictionary<string, IReadOnlyList<string>> { ["UF_CRM_BIRTHDAY"] = ["1985-12-10T00:00:00+03:00"] });
        await rig.AddContactsAsync([3]);
        await rig.ImportAsync("""
            name: birthday
            trigger: { type: date_field, field: contact.UF_CRM_BIRTHDAY, offset: -7d, at: "10:00", every_year: true }
            re_entry: always
            steps:
              - send: welcome
            """);
        // 3 December 10:00 in Vladivostok (UTC+10) is 00:00 UTC; in UTC (the default) it is 10:00 UTC.
        rig.Time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 23, 59, 0, TimeSpan.Zero));
        await rig.TickAsync();
        var before = rig.SentKeys().Count;
        rig.Time.SetUtcNow(new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero));
        await rig.TickAsync();
        var vladivostok = rig.Queue.Created.Select(l => l.ContactId).ToList();
        rig.Time.SetUtcNow(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));
        await rig.TickAsync();
        await rig.TickAsync();
        var thisYear = rig.Queue.Created.Select(l => l.ContactId).ToList();
        rig.Time.SetUtcNow(new DateTimeOffset(2027, 12, 3, 10, 0, 0, TimeSpan.Zero));
        await rig.TickAsync();

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.Zero);
            Assert.That(vladivostok, Is.EqualTo(new long?[] { 1 }));
            Assert.That(thisYear, Is.EqualTo(new long?[] { 1, 2 }));
            Assert.That(rig.Queue.Created.Select(l => l.ContactId), Is.EqualTo(new long?[] { 1, 2, 1, 2 }));
        });
    }

    [Test]
    public async Task DateField_DealContractEnd_OnceADayBefore_MailsTheDealsContact()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1]);
        await rig.Mirror.UpsertDealsAsync(rig.Portal, [new CrmDeal
        {
            Id = 5, Title = "Contract", StageId = "EXECUTING", CategoryId = 0, ContactIds = [1], StageSemantic = "P", CreatedAt = ScenarioRig.T0, MovedAt = ScenarioRig.T0,
            CustomFields = new Dictionary<string, IReadOnlyList<string>> { ["UF_CRM_CONTRACT_END"] = ["2026-12-05"] },
        }], null, recordNewDeals: false, "poll", Token);
        var scenario = await rig.ImportAsync("""
            name: contract-end
            trigger: { type: date_field, field: deal.UF_CRM_CONTRACT_END, offset: -1d, at: "09:00" }
            exit: { won: false, lost: false, left_pipeline: false }
            steps:
              - send: proposal-reminder
            """);
        rig.Time.SetUtcNow(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
        await rig.TickAsync();
        rig.Time.Advance(TimeSpan.FromDays(400));
        await rig.TickAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(rig.Queue.Created.Select(l => (l.DealId, l.ContactId)), Is.EqualTo(new[] { ((long?)5, (long?)1) }));
            Assert.That((await rig.EnrollmentsAsync(scenario.ScenarioId)).Select(e => e.State), Is.EqualTo(new[] { "completed" }));
        });
    }

    [Test]
    public async Task SegmentEntered_FiresOnEntryNotOnEveryPass_MembersBeforeTheImportDoNot()
    {
        await using var rig = await ScenarioRig.StartAsync();
        var vip = new Dictionary<string, IReadOnlyList<string>> { ["UF_CRM_VIP"] = ["Y"] };
        await rig.Services.GetRequiredService<SegmentStore>().SaveAsync("vip", "contact.custom.UF_CRM_VIP = \"Y\"", Token);
        await rig.AddContactsAsync([1], vip);
        await rig.ImportAsync("""
            name: vip-welcome
            trigger: { type: segment_entered, segment: vip }
            re_entry: always
            steps:
              - send: welcome
            """);

        await rig.TickAsync();
        await rig.AddContactsAsync([2], vip);
        await rig.TickAsync();
        await rig.TickAsync();
        var entered = rig.Queue.Created.Select(l => l.ContactId).ToList();
        rig.Time.Advance(TimeSpan.FromMinutes(1));
        await rig.AddContactsAsync([2]);          // leaves
        await rig.TickAsync();
        rig.Time.Advance(TimeSpan.FromMinutes(1));
        await rig.AddContactsAsync([2], vip);     // and comes back: a new entry
        await rig.TickAsync();

        Assert.Multiple(() =>
        {
            Assert.That(entered, Is.EqualTo(new long?[] { 2 }));
            Assert.That(rig.Queue.Created.Select(l => l.ContactId), Is.EqualTo(new long?[] { 2, 2 }));
        });
    }

    [Test]
    public async Task Import_UnknownSegment_ErrorWithTheLine_NothingStored()
    {
        await using var rig = await ScenarioRig.StartAsync();

        var (imported, errors) = await rig.Services.GetRequiredService<ScenarioImporter>().ImportAsync(
            "name: x\ntrigger:\n  type: segment_entered\n  segment: nobody\nsteps:\n  - send: welcome\n", rig.Portal, Token);

        Assert.Multiple(async () =>
        {
            Assert.That(imported, Is.Null);
            Assert.That(errors.Select(e => e.Format("x.yaml")), Is.EqualTo(new[] { "x.yaml:4: unknown segment 'nobody' (crm-esp segment list shows the saved ones)" }));
            Assert.That(await rig.Scenarios.ListAsync(Token), Is.Empty);
        });
    }

    [Test]
    public async Task DryRun_ScanTrigger_TellsWhoWouldEnter_RecordsNothing()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1]);
        var scenario = await rig.ImportManifestAsync("reactivation.yaml");
        await WonDealAsync(rig, 11, contact: 1, ScenarioRig.T0.AddDays(-365).AddHours(1));
        rig.Time.Advance(TimeSpan.FromHours(2));

        var dry = await rig.Services.GetRequiredService<ScenarioTriggers>().DryRunAsync(scenario.ScenarioId, Token);
        await using var connection = await rig.Connections.OpenAsync(Token);
        var recorded = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM scenario_occurrences");
        await rig.TickAsync();

        Assert.Multiple(() =>
        {
            Assert.That((dry!.Entered, dry.Sample.Single().ContactId, recorded), Is.EqualTo((1, (long?)1, 0L)));
            Assert.That(rig.Queue.Created.Select(l => l.ContactId), Is.EqualTo(new long?[] { 1 }));
        });
    }

    private static Task<int> WonDealAsync(ScenarioRig rig, long deal, long contact, DateTimeOffset wonAt) =>
        rig.Mirror.UpsertDealsAsync(rig.Portal, [new CrmDeal
        {
            Id = deal, Title = $"Deal {deal}", StageId = "WON", CategoryId = 0, ContactIds = [contact], StageSemantic = "S",
            CreatedAt = wonAt.AddDays(-30), ModifiedAt = wonAt, MovedAt = wonAt,
        }], null, recordNewDeals: false, "poll", Token);
}
