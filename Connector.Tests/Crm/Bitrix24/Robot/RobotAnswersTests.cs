using System.Text.Json.Nodes;
using Connector.Crm.Bitrix24;
using Connector.Crm.Bitrix24.Automation.Robot;
using Connector.Crm.Bitrix24.Installs;
using Connector.Crm.Bitrix24.Timeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connector.Tests.Crm.Bitrix24.Robot;

/// <summary>
/// The robot's answers are an outbox sent at most once: a bizproc.event.send that timed out may have been processed,
/// so it is recorded as unknown and never sent again; refusals before processing are tried again later.
/// </summary>
[TestFixture]
[NonParallelizable]
[CancelAfter(120_000)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RobotAnswersTests
{
    [Test]
    public async Task EventSend_TimesOut_RecordedUnknownAndNeverResent()
    {
        await using var rig = await RobotRig.StartAsync(9);
        await rig.App.InstallAsync();
        await rig.App.StopConnectorAsync();
        var services = rig.App.View;
        var token = TestContext.CurrentContext.CancellationToken;
        var calls = services.GetRequiredService<RobotCallStore>();
        var client = new TimingOutClient();
        var sut = new Bitrix24RobotAnswers(calls, services.GetRequiredService<IRobotScenarios>(), () => client, services.GetRequiredService<Bitrix24TimelinePortals>(),
            services.GetRequiredService<Bitrix24InstallStore>(), TimeProvider.System, NullLogger<Bitrix24RobotAnswers>.Instance);
        var id = await calls.AcceptAsync(new RobotCall(await rig.App.PortalIdAsync(), "hash-1", "wf|A1_1|ev.sig", "wf", RobotRig.RobotCode, 1, "none", "marketing", null, "refused:unknown_template"), token);

        var first = await sut.RunAsync(token);
        var second = await sut.RunAsync(token);
        var row = await calls.FindAsync("hash-1", token);

        Assert.Multiple(() =>
        {
            Assert.That(id, Is.Not.Null);
            Assert.That((first, second), Is.EqualTo((1, 0)));
            Assert.That(client.Calls, Is.EqualTo(new[] { "bizproc.event.send" }), "sent once, never again");
            Assert.That(client.Parameters[0]["RETURN_VALUES"]!.ToJsonString(), Is.EqualTo("""{"message_id":"","status":"refused:unknown_template"}"""));
            Assert.That((row!.AnswerState, row.Attempts), Is.EqualTo((RobotAnswerStates.Unknown, 1L)));
            Assert.That(client.Parameters[0]["EVENT_TOKEN"]!.GetValue<string>(), Is.EqualTo("wf|A1_1|ev.sig"), "stored encrypted, sent as given");
        });
    }

    [Test]
    public async Task Pass_AfterACrash_InFlightAnswerBecomesUnknownUnsent_StoredButNotEnteredRunEntersOnce()
    {
        await using var rig = await RobotRig.StartAsync(9);
        await rig.InstallAsync();
        await rig.App.StopConnectorAsync();
        var services = rig.App.View;
        var token = TestContext.CurrentContext.CancellationToken;
        var calls = services.GetRequiredService<RobotCallStore>();
        var client = new TimingOutClient();
        var sut = new Bitrix24RobotAnswers(calls, services.GetRequiredService<IRobotScenarios>(), () => client, services.GetRequiredService<Bitrix24TimelinePortals>(),
            services.GetRequiredService<Bitrix24InstallStore>(), TimeProvider.System, NullLogger<Bitrix24RobotAnswers>.Instance);
        var portal = await rig.App.PortalIdAsync();
        var inFlight = await calls.AcceptAsync(new RobotCall(portal, "hash-2", "wf|A2_1|ev.sig", "wf", RobotRig.RobotCode, 1, "proposal", "marketing", null, "refused:bad_kind"), token);
        Assert.That(await calls.ClaimAsync(inFlight!.Value, DateTimeOffset.UnixEpoch, token), Is.True, "claimed by a process that then died");
        var deal = rig.MailableDeal();
        var notEntered = new RobotCall(portal, "", "wf|A3_1|ev.sig", "wf", RobotRig.RobotCode, deal.Id, RobotRig.Template, "marketing", "1d", null);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(notEntered.EventToken)));
        await calls.AcceptAsync(notEntered with { TokenHash = hash }, token);

        await sut.RunAsync(token);
        await sut.RunAsync(token);

        Assert.Multiple(async () =>
        {
            Assert.That((await calls.FindAsync("hash-2", token))!.AnswerState, Is.EqualTo(RobotAnswerStates.Unknown));
            Assert.That(client.Calls, Is.Empty, "an answer that may have arrived is never sent again");
            var entered = await calls.FindAsync(hash, token);
            Assert.That(entered!.AnswerState, Is.EqualTo(RobotAnswerStates.Waiting), "its send has no result yet (the delay is a day)");
            Assert.That(entered.EnrollmentId, Is.Not.Null);
            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM scenario_enrollments"), Is.EqualTo(1), "entered once over two passes");
            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM scenarios WHERE name = 'robot:proposal:marketing:1d'"), Is.EqualTo(1));
        });
    }

    [TestCase(null, 1, "answered", false)]
    [TestCase(Bitrix24ErrorKind.Unreachable, 1, "unknown", false)]
    [TestCase(Bitrix24ErrorKind.Server, 1, "unknown", false)]
    [TestCase(Bitrix24ErrorKind.RateLimited, 1, "due", true)]
    [TestCase(Bitrix24ErrorKind.OperatingLimit, 3, "due", true)]
    [TestCase(Bitrix24ErrorKind.RateLimited, 10, "failed", false)]
    [TestCase(Bitrix24ErrorKind.Forbidden, 1, "failed", false)]
    [TestCase(Bitrix24ErrorKind.Method, 1, "failed", false)]
    public void Outcome_ByErrorKind_AnsweredUnknownRetriedOrFailed(Bitrix24ErrorKind? kind, int attempts, string state, bool retried)
    {
        var now = DateTimeOffset.Parse("2026-12-04T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var (actual, _, retryAt) = Bitrix24RobotAnswers.Outcome(kind is { } k ? new Bitrix24Error(k, "X", "x") : null, attempts, now);

        Assert.That((actual, retryAt is not null && retryAt > now), Is.EqualTo((state, retried)));
    }

    private sealed class TimingOutClient : IBitrix24Client
    {
        public List<string> Calls { get; } = [];

        public List<JsonObject> Parameters { get; } = [];

        public Task<Bitrix24Response<JsonElementResult>> CallAsync(Bitrix24Portal portal, string method, JsonObject parameters, bool idempotent, CancellationToken cancellationToken)
        {
            Calls.Add(method);
            Parameters.Add(parameters);
            return Task.FromResult(Bitrix24Response<JsonElementResult>.Fail(new Bitrix24Error(Bitrix24ErrorKind.Unreachable, "TIMEOUT", "no answer within the timeout")));
        }

        public Task<Bitrix24Response<Bitrix24BatchOutcome>> BatchAsync(Bitrix24Portal portal, IReadOnlyList<Bitrix24BatchCommand> commands, bool idempotent, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Bitrix24Counters CountersFor(Bitrix24Portal portal) => throw new NotSupportedException();

        public void SetPlan(Bitrix24Portal portal, Bitrix24Plan plan) => throw new NotSupportedException();
    }
}
