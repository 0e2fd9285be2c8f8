using Connector.Crm.Bitrix24.Automation.Robot;
using Connector.Scenarios;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Scenarios;

/// <summary>
/// The robot's internal scenarios on a real SQLite mirror with a fake clock and queue: one scenario per (template,
/// kind, delay) with a wait step for the delay; an entry key enters once; never while still enrolled; a robot on WON
/// still sends; a refused send is the robot's result.
/// </summary>
[CancelAfter(60_000)]
public sealed class RobotScenariosTests
{
    [Test]
    public async Task Enter_DelayTwoHours_WaitsThenSendsOnce_SameKeyReplays_SecondRunWhileEnrolledRefused()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1]);
        await rig.MoveDealAsync(1, "WON");
        var sut = rig.Services.GetRequiredService<RobotScenarios>();
        var request = new RobotSendRequest(rig.Portal, 1, "proposal", Transactional: false, TimeSpan.FromHours(2), "robot:aaa");
        var token = TestContext.CurrentContext.CancellationToken;

        var first = await sut.EnterAsync(request, token);
        var replay = await sut.EnterAsync(request, token);
        var second = await sut.EnterAsync(request with { EntryKey = "robot:bbb" }, token);
        await rig.TickAsync();
        var beforeDelay = rig.SentKeys();
        rig.Time.Advance(TimeSpan.FromHours(2));
        await rig.TickAsync();
        await rig.TickAsync();
        var scenario = (await rig.Scenarios.ListAsync(token)).Single();

        Assert.Multiple(async () =>
        {
            Assert.That(first.EnrollmentId, Is.Not.Null, first.Detail);
            Assert.That(replay.EnrollmentId, Is.EqualTo(first.EnrollmentId), "the same entry key (event token) enters once");
            Assert.That(second.Refused, Is.EqualTo(ExplicitEntryResult.StillEnrolled));
            Assert.That(beforeDelay, Is.Empty, "the delay is a wait step");
            Assert.That(rig.SentKeys(), Is.EqualTo(new[] { $"step:send:enrollment:{first.EnrollmentId}" }));
            Assert.That((scenario.Name, scenario.Enrolled, scenario.Completed), Is.EqualTo(("robot:proposal:marketing:2h", 1L, 1L)), "a robot on WON does not leave as won");
            Assert.That((await rig.Scenarios.VersionAsync(scenario.Id, scenario.CurrentVersion, token))!.Value.Definition.Steps.Select(s => s.Kind),
                Is.EqualTo(new[] { StepKind.Wait, StepKind.Send }));
        });
    }

    [Test]
    public async Task Results_SendRefusedForTheRecipient_RefusedWithTheReason_NoDelayNoWaitStep()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1]);
        await rig.MoveDealAsync(1, "PREPARATION");
        rig.Queue.Refuse.Add(1);
        var sut = rig.Services.GetRequiredService<RobotScenarios>();
        var token = TestContext.CurrentContext.CancellationToken;

        var entry = await sut.EnterAsync(new RobotSendRequest(rig.Portal, 1, "proposal", Transactional: true, TimeSpan.Zero, "robot:ccc"), token);
        var pending = await sut.ResultsAsync([entry.EnrollmentId!.Value], token);
        await rig.TickAsync();
        var results = await sut.ResultsAsync([entry.EnrollmentId.Value], token);
        var unknownDeal = await sut.EnterAsync(new RobotSendRequest(rig.Portal, 99, "proposal", Transactional: true, TimeSpan.Zero, "robot:ddd"), token);

        Assert.Multiple(() =>
        {
            Assert.That(pending, Is.Empty, "no result before the send step ran");
            Assert.That(results.Single(), Is.EqualTo(new RobotSendResult(entry.EnrollmentId.Value, "refused:suppressed", null)));
            Assert.That(rig.Queue.Calls.Single().Kind, Is.EqualTo(Connector.Sending.Composing.MailKind.Transactional));
            Assert.That(unknownDeal.Refused, Is.EqualTo(ExplicitEntryResult.UnknownDeal));
        });
    }
}
