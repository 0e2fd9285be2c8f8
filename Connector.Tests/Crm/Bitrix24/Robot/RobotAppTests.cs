using Connector.Sandbox;
using Connector.Tests.Crm.Bitrix24.App;
using Connector.Tests.Sending;
using MimeKit;

namespace Connector.Tests.Crm.Bitrix24.Robot;

/// <summary>
/// The robot "Send e-mail (CrmEspBridge)" end to end: the served connector installed into a sandbox portal registers
/// it (bizproc.robot.add, re-install → update); a deal moved onto the stage where it is placed makes the portal POST the
/// handler form; the connector enrolls the deal once, sends through a real smtp-sink and finishes the robot with
/// bizproc.event.send {message_id, status}. A forged token is refused 401 with nothing stored; bad properties are
/// answered refused:REASON at once.
/// </summary>
[TestFixture]
[NonParallelizable]
[CancelAfter(180_000)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RobotAppTests
{
    [Test]
    public async Task Install_RegistersTheRobot_ReinstallUpdatesIt()
    {
        await using var rig = await RobotRig.StartAsync(9);
        await rig.App.InstallAsync();
        var registered = rig.Crm.Robots.Single();
        await rig.App.InstallAsync();

        Assert.Multiple(() =>
        {
            Assert.That((registered.Code, registered.Handler, registered.UseSubscription),
                Is.EqualTo((RobotRig.RobotCode, new Uri(rig.App.Connector, "b24/robot/send-email"), true)));
            Assert.That(registered.Properties.Select(p => p.Key), Is.EqualTo(new[] { "template", "delay", "kind" }));
            Assert.That(registered.Properties["kind"]!["Type"]!.GetValue<string>(), Is.EqualTo("select"));
            Assert.That(registered.ReturnProperties.Select(p => p.Key), Is.EqualTo(new[] { "message_id", "status" }));
            Assert.That(rig.Crm.Stats.CallsPerMethod.GetValueOrDefault("bizproc.robot.add"), Is.EqualTo(2L));
            Assert.That(rig.Crm.Stats.CallsPerMethod.GetValueOrDefault("bizproc.robot.update"), Is.EqualTo(1L), "already installed → update, so a new manifest takes effect");
            Assert.That(rig.Crm.Robots, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Robot_DealEntersItsStage_OneEnrollmentMailInTheSinkEventSendSaysSent_RedeliveryEnrollsOnce()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var rig = await RobotRig.StartAsync(sink.Port);
        await rig.InstallAsync();
        var deal = rig.MailableDeal();
        rig.Crm.PlaceRobot(new SandboxPlacedRobot(RobotRig.RobotCode, "PREPARATION", new Dictionary<string, string> { ["template"] = RobotRig.Template }));

        rig.Crm.MoveDeal(deal.Id, "PREPARATION");
        var captured = await sink.WaitForMessagesAsync(1);
        var answered = await AppRig.EventuallyAsync(() => Task.FromResult(rig.Crm.RobotRuns.Single().Closed), 30);
        var run = rig.Crm.RobotRuns.Single();
        var (status, _) = await rig.PostAsync(run.Form);
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.CurrentContext.CancellationToken);
        using var message = MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(captured.Single())), TestContext.CurrentContext.CancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That(answered, Is.True, "bizproc.event.send reached the portal");
            Assert.That(run.ReturnValues!["status"], Is.EqualTo("sent"));
            Assert.That(long.Parse(run.ReturnValues["message_id"], System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0));
            Assert.That(message.Subject, Is.EqualTo($"Proposal for {deal.Title}"));
            Assert.That(status, Is.EqualTo(200), "a redelivery is answered");
            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM scenario_enrollments"), Is.EqualTo(1), "the same event_token enrolls once");
            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM robot_calls"), Is.EqualTo(1));
            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM scenarios WHERE name = 'robot:proposal:marketing:0'"), Is.EqualTo(1));
            Assert.That(rig.Crm.RobotRuns.Single().Sends, Is.EqualTo(1), "answered once");
            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM send_keys WHERE send_key LIKE 'step:send:enrollment:%' AND name = 'proposal'"), Is.EqualTo(1),
                "the CRM timeline and List-Id show the template's name, not the internal scenario's");
        });
    }

    [Test]
    public async Task Robot_ForgedApplicationToken_401AndNothingStoredOrEnrolled()
    {
        await using var rig = await RobotRig.StartAsync(9);
        await rig.InstallAsync();
        var deal = rig.MailableDeal();
        rig.Crm.PlaceRobot(new SandboxPlacedRobot(RobotRig.RobotCode, "PREPARATION", new Dictionary<string, string> { ["template"] = RobotRig.Template }));
        rig.App.Portal.Portal.MoveDeal(deal.Id, "PREPARATION");
        await rig.Crm.DrainEventsAsync(TestContext.CurrentContext.CancellationToken);
        var genuine = rig.Crm.RobotRuns.Single().Form;
        await AppRig.EventuallyAsync(async () => await rig.CountAsync("SELECT COUNT(*) FROM robot_calls") == 1);
        var forged = genuine.Select(p => p.Key == "auth[application_token]" ? new KeyValuePair<string, string>(p.Key, "0123456789abcdef0123456789abcdef") : p)
            .Select(p => p.Key == "event_token" ? new KeyValuePair<string, string>(p.Key, p.Value + "x") : p).ToList();
        var missing = forged.Where(p => p.Key != "auth[application_token]").ToList();

        var (forgedStatus, _) = await rig.PostAsync(forged);
        var (missingStatus, _) = await rig.PostAsync(missing);

        Assert.Multiple(async () =>
        {
            Assert.That((forgedStatus, missingStatus), Is.EqualTo((401, 401)));
            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM robot_calls"), Is.EqualTo(1), "only the genuine call is stored");
            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM scenario_enrollments"), Is.LessThanOrEqualTo(1));
        });
    }

    [Test]
    public async Task Robot_UnknownTemplateOrBadDelay_AnsweredRefusedAtOnceNothingEnrolled()
    {
        // The answer job's interval is an hour: only the handler's nudge can answer within the test.
        await using var rig = await RobotRig.StartAsync(9, answerIntervalSeconds: 3600);
        await rig.InstallAsync();
        var deals = rig.Crm.Deals.Where(d => d.CategoryId == 0 && d.StageId is not ("PREPARATION" or "EXECUTING")).Take(2).ToList();
        rig.Crm.PlaceRobot(new SandboxPlacedRobot(RobotRig.RobotCode, "PREPARATION", new Dictionary<string, string> { ["template"] = "no-such-template" }));
        rig.Crm.MoveDeal(deals[0].Id, "PREPARATION");
        Assert.That(await AppRig.EventuallyAsync(() => Task.FromResult(rig.Crm.RobotRuns.All(r => r.Closed)), 30), Is.True);
        rig.Crm.PlaceRobot(new SandboxPlacedRobot(RobotRig.RobotCode, "EXECUTING", new Dictionary<string, string> { ["template"] = RobotRig.Template, ["delay"] = "soon" }));
        rig.Crm.MoveDeal(deals[1].Id, "EXECUTING");
        var closed = await AppRig.EventuallyAsync(() => Task.FromResult(rig.Crm.RobotRuns.Count == 2 && rig.Crm.RobotRuns.All(r => r.Closed)), 30);

        Assert.Multiple(async () =>
        {
            Assert.That(closed, Is.True);
            Assert.That(rig.Crm.RobotRuns.Select(r => r.ReturnValues!["status"]), Is.EqualTo(new[] { "refused:unknown_template", "refused:bad_delay" }));
            Assert.That(rig.Crm.RobotRuns.Select(r => r.ReturnValues!["message_id"]), Is.EqualTo(new[] { "", "" }));
            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM scenario_enrollments"), Is.Zero);
        });
    }
}
