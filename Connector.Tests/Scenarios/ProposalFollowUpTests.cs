using Connector.Scenarios;
using Connector.Sending.Composing;

namespace Connector.Tests.Scenarios;

/// <summary>The shipped proposal-follow-up on a real SQLite mirror with recorded transitions, a fake clock and a fake send queue.</summary>
[CancelAfter(120_000)]
public sealed class ProposalFollowUpTests
{
    [Test]
    public async Task ProposalFollowUp_NotOpened_OfferOnceThenReminderAfterTwoDaysThenNothingAfterWon()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1]);
        await rig.MoveDealAsync(1, "NEW");
        var scenario = await rig.ImportManifestAsync("proposal-follow-up.yaml");
        rig.Time.Advance(TimeSpan.FromMinutes(5));
        await rig.MoveDealAsync(1, "PREPARATION");

        await rig.TickAsync();
        await rig.TickAsync();
        var enrollment = (await rig.EnrollmentsAsync(scenario.ScenarioId)).Single().Id;
        var afterEntry = rig.SentKeys();
        rig.Time.Advance(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1));
        await rig.TickAsync();
        var beforeTwoDays = rig.SentKeys();
        rig.Time.Advance(TimeSpan.FromMinutes(1));
        await rig.TickAsync();
        var afterTwoDays = rig.SentKeys();
        await rig.MoveDealAsync(1, "WON");
        rig.Time.Advance(TimeSpan.FromDays(3));
        await rig.TickAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(afterEntry, Is.EqualTo(new[] { $"step:offer:enrollment:{enrollment}" }));
            Assert.That(rig.Queue.Calls.Count(c => c.SendKey == $"step:offer:enrollment:{enrollment}"), Is.EqualTo(1), "a second tick does not enqueue again");
            Assert.That(beforeTwoDays, Is.EqualTo(afterEntry), "nothing before the two days are up");
            Assert.That(afterTwoDays, Is.EqualTo(new[] { $"step:offer:enrollment:{enrollment}", $"step:reminder:enrollment:{enrollment}" }));
            Assert.That(rig.SentKeys(), Is.EqualTo(afterTwoDays), "nothing after the deal is won");
            var first = rig.Queue.Created[0];
            Assert.That((first.TemplateName, first.Kind, first.ContactId, first.DealId, first.ListName, first.PortalId),
                Is.EqualTo(("proposal", MailKind.Scenario, (long?)1, (long?)1, "proposal-follow-up", rig.Portal)));
            Assert.That((await rig.EnrollmentsAsync(scenario.ScenarioId)).Single().State, Is.EqualTo("completed"));
        });
    }

    [Test]
    public async Task ProposalFollowUp_ContactCannotBeMailed_EnrollmentExitsSayingWhyAndNothingMore()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1]);
        await rig.MoveDealAsync(1, "NEW");
        var scenario = await rig.ImportManifestAsync("proposal-follow-up.yaml");
        rig.Queue.Refuse.Add(1);
        await rig.MoveDealAsync(1, "PREPARATION");

        await rig.TickAsync();
        rig.Time.Advance(TimeSpan.FromDays(3));
        await rig.TickAsync();

        Assert.Multiple(async () =>
        {
            var row = (await rig.EnrollmentsAsync(scenario.ScenarioId)).Single();
            Assert.That((row.State, row.Reason), Is.EqualTo(("exited", (string?)"not_sendable:suppressed")));
            Assert.That(rig.Queue.Calls.Select(c => c.TemplateName), Is.EqualTo(new[] { "proposal" }), "no reminder is tried for a contact that cannot be mailed");
        });
    }

    [Test]
    public async Task ProposalFollowUp_OfferOpened_NoReminder()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1]);
        await rig.MoveDealAsync(1, "NEW");
        var scenario = await rig.ImportManifestAsync("proposal-follow-up.yaml");
        await rig.MoveDealAsync(1, "PREPARATION");
        await rig.TickAsync();
        var enrollment = (await rig.EnrollmentsAsync(scenario.ScenarioId)).Single().Id;

        await rig.OpenAsync($"step:offer:enrollment:{enrollment}");
        rig.Time.Advance(TimeSpan.FromDays(2));
        await rig.TickAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(rig.SentKeys(), Is.EqualTo(new[] { $"step:offer:enrollment:{enrollment}" }));
            var row = (await rig.EnrollmentsAsync(scenario.ScenarioId)).Single();
            Assert.That((row.State, row.Reason), Is.EqualTo(("completed", (string?)"exit_step")));
        });
    }

    [Test]
    public async Task ProposalFollowUp_OnlyAMachineOpen_ReminderStillSent()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1]);
        await rig.MoveDealAsync(1, "NEW");
        var scenario = await rig.ImportManifestAsync("proposal-follow-up.yaml");
        await rig.MoveDealAsync(1, "PREPARATION");
        await rig.TickAsync();
        var enrollment = (await rig.EnrollmentsAsync(scenario.ScenarioId)).Single().Id;

        await rig.OpenAsync($"step:offer:enrollment:{enrollment}", machine: true);
        rig.Time.Advance(TimeSpan.FromDays(2));
        await rig.TickAsync();

        Assert.That(rig.SentKeys(), Has.Member($"step:reminder:enrollment:{enrollment}"));
    }

    [TestCase("WON", "won")]
    [TestCase("LOSE", "lost")]
    public async Task ProposalFollowUp_DealClosedDuringTheWait_ExitsWithoutReminder(string stage, string reason)
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1]);
        await rig.MoveDealAsync(1, "NEW");
        var scenario = await rig.ImportManifestAsync("proposal-follow-up.yaml");
        await rig.MoveDealAsync(1, "PREPARATION");
        await rig.TickAsync();

        rig.Time.Advance(TimeSpan.FromDays(1));
        await rig.MoveDealAsync(1, stage);
        rig.Time.Advance(TimeSpan.FromDays(1));
        await rig.TickAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(rig.SentKeys(), Has.Count.EqualTo(1));
            var row = (await rig.EnrollmentsAsync(scenario.ScenarioId)).Single();
            Assert.That((row.State, row.Reason), Is.EqualTo(("exited", (string?)reason)));
        });
    }

    [Test]
    public async Task ProposalFollowUp_ContactUnsubscribedDuringTheWait_ExitsWithoutReminder()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1]);
        await rig.MoveDealAsync(1, "NEW");
        var scenario = await rig.ImportManifestAsync("proposal-follow-up.yaml");
        await rig.MoveDealAsync(1, "PREPARATION");
        await rig.TickAsync();

        await using (var connection = await rig.Connections.OpenAsync(TestContext.CurrentContext.CancellationToken))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "INSERT INTO suppressions (address, reason, source, created_at) VALUES ('C1@example.com', 'unsubscribed', 'test', '2026-12-01T10:00:00.0000000Z')");
        }

        rig.Time.Advance(TimeSpan.FromDays(2));
        await rig.TickAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(rig.SentKeys(), Has.Count.EqualTo(1));
            var row = (await rig.EnrollmentsAsync(scenario.ScenarioId)).Single();
            Assert.That((row.State, row.Reason), Is.EqualTo(("exited", (string?)"unsubscribed")));
        });
    }

    [Test]
    public async Task Trigger_FromOtherPipelineOrOtherStage_DoesNotEnter()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1, 2]);
        await rig.MoveDealAsync(1, "NEW");
        await rig.MoveDealsAsync([2], "C1:NEW", pipeline: 1);
        var scenario = await rig.ImportManifestAsync("proposal-follow-up.yaml");
        await rig.MoveDealAsync(1, "EXECUTING");
        await rig.MoveDealsAsync([2], "PREPARATION", pipeline: 1);

        await rig.TickAsync();

        Assert.That(await rig.EnrollmentsAsync(scenario.ScenarioId), Is.Empty);
    }
}
