using System.Globalization;
using Connector.Crm.Bitrix24;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Crm.Bitrix24;

/// <summary>Leaky bucket and operating limit through the real pipeline, on a <see cref="FakeTimeProvider"/>.</summary>
[CancelAfter(120_000)]
public sealed class Bitrix24ClientLimitsTests
{
    private const string Ok = """{"result":[],"total":0,"time":{"start":1,"finish":1.1,"duration":0.1,"processing":0.1}}""";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 9, 9, 13, 0, 0, TimeSpan.Zero));

    [Test]
    public async Task CallAsync_FiftyFirstImmediateCall_WaitsHalfSecondForStandard()
    {
        using var host = Bitrix24TestHost.Start(_time);
        host.Given("crm.contact.list", 200, Ok);
        for (var i = 0; i < 50; i++)
        {
            await host.CallAsync("crm.contact.list");
        }

        var fiftyFirst = host.CallAsync("crm.contact.list");
        await WaitUntilAsync(() => host.Counters.LimiterWait > TimeSpan.Zero);

        Assert.Multiple(() =>
        {
            Assert.That(host.Counters.LimiterWait, Is.EqualTo(TimeSpan.FromSeconds(0.5)));
            Assert.That(fiftyFirst.IsCompleted, Is.False);
            Assert.That(host.RequestsTo("crm.contact.list"), Is.EqualTo(50));
        });

        _time.Advance(TimeSpan.FromSeconds(0.5));
        var response = await fiftyFirst;

        Assert.Multiple(() =>
        {
            Assert.That(response.IsSuccess, Is.True);
            Assert.That(host.RequestsTo("crm.contact.list"), Is.EqualTo(51));
            Assert.That(host.Counters.Requests, Is.EqualTo(51));
        });
    }

    [Test]
    public async Task CallAsync_EnterprisePlan_FiftyFirstCallDoesNotWait()
    {
        using var host = Bitrix24TestHost.Start(_time);
        host.Client.SetPlan(host.Portal, Bitrix24Plan.Enterprise);
        host.Given("crm.contact.list", 200, Ok);

        for (var i = 0; i < 51; i++)
        {
            await host.CallAsync("crm.contact.list");
        }

        Assert.That(host.Counters.LimiterWait, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public async Task CallAsync_OperationTimeLimit_PausesThatMethodUntilResetAndOtherMethodsGoOn()
    {
        using var host = Bitrix24TestHost.Start(_time);
        var resetAt = _time.GetUtcNow().AddSeconds(30).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var withReset = $$$"""{"result":[],"time":{"start":1,"finish":2,"duration":1,"processing":1,"operating":470.5,"operating_reset_at":{{{resetAt}}}}}""";
        var blocked = Bitrix24Fixture.Load("error-operation-time-limit");
        host.GivenSequence("crm.deal.list", (200, withReset, null), (blocked.Status, blocked.Body, null), (200, Ok, null));
        host.Given("crm.contact.list", 200, Ok);
        await host.Client.CallAsync(host.Portal, "crm.deal.list", new(), false, TestContext.CurrentContext.CancellationToken);

        // 470.5 s used (> 80 % of 480 s): the next call is slowed by 1 % of the 30 s to reset, then gets 429.
        var pausedCall = host.CallAsync("crm.deal.list", idempotent: false);
        _time.Advance(TimeSpan.FromSeconds(0.3));
        await WaitUntilAsync(() => host.Counters.OperatingLimit429 == 1);
        var other = await host.CallAsync("crm.contact.list");
        _time.Advance(TimeSpan.FromSeconds(29));

        Assert.Multiple(() =>
        {
            Assert.That(other.IsSuccess, Is.True);
            Assert.That(pausedCall.IsCompleted, Is.False);
            Assert.That(host.RequestsTo("crm.deal.list"), Is.EqualTo(2));
        });

        _time.Advance(TimeSpan.FromSeconds(1));
        var response = await pausedCall;

        Assert.Multiple(() =>
        {
            Assert.That(response.IsSuccess, Is.True);
            Assert.That(host.RequestsTo("crm.deal.list"), Is.EqualTo(3));
            Assert.That(host.Counters.OperatingLimit429, Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task CallAsync_OperationTimeLimitWithItsOwnReset_WaitsForThatResetNotTheStaleOne(CancellationToken cancellationToken)
    {
        using var host = Bitrix24TestHost.Start(_time);
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        // The last success said the oldest basket drops out in 545 s; the 429 itself says 3 s (time block of every answer).
        var stale = $$$"""{"result":[],"time":{"start":{{{now}}},"finish":{{{now}}},"duration":0.1,"processing":0.1,"operating":12.5,"operating_reset_at":{{{now + 545}}}}}""";
        var blocked = $$$"""
            {"error":"OPERATION_TIME_LIMIT","error_description":"Method is blocked due to operation time limit.",
             "time":{"start":{{{now}}},"finish":{{{now}}},"duration":0.01,"processing":0.01,"operating":480.2,"operating_reset_at":{{{now + 3}}}}}
            """;
        host.GivenSequence("crm.deal.list", (200, stale, null), (429, blocked, null), (200, Ok, null));
        await host.Client.CallAsync(host.Portal, "crm.deal.list", [], true, cancellationToken);

        // A call still waiting on the fake clock would hold the pipeline's disposal forever: on the way out it is
        // cancelled and awaited.
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pausedCall = host.Client.CallAsync(host.Portal, "crm.deal.list", [], true, abandon.Token);
        try
        {
            await WaitUntilAsync(() => host.Counters.OperatingLimit429 == 1);
            _time.Advance(TimeSpan.FromSeconds(2.5));
            await Task.Delay(50, cancellationToken);
            Assert.That(pausedCall.IsCompleted, Is.False, "the 429's reset is 3 s away");

            _time.Advance(TimeSpan.FromSeconds(0.5));
            await WaitUntilAsync(() => pausedCall.IsCompleted);
            var response = await pausedCall;

            Assert.Multiple(() =>
            {
                Assert.That(response.IsSuccess, Is.True, response.Error?.ToString());
                Assert.That(host.RequestsTo("crm.deal.list"), Is.EqualTo(3));
            });
        }
        finally
        {
            await abandon.CancelAsync();
            await ((Task)pausedCall).ContinueWith(_ => { }, TestContext.CurrentContext.CancellationToken, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    [Test]
    public async Task BatchAsync_CommandOperationTimeLimit_BlocksOnlyThatCommandsMethod()
    {
        using var host = Bitrix24TestHost.Start(_time);
        host.Given("batch", 200, """
            {"result":{"result":{"c":[]},"result_error":{"d":{"error":"OPERATION_TIME_LIMIT","error_description":"Method is blocked due to operation time limit."}},
             "result_total":[],"result_next":[],"result_time":[]},"time":{"start":1,"finish":2,"duration":1,"processing":1}}
            """);
        host.Given("crm.contact.list", 200, Ok);
        host.Given("crm.deal.list", 200, Ok);

        var batch = await host.Client.BatchAsync(
            host.Portal, [new("c", "crm.contact.list", ""), new("d", "crm.deal.list", "")], true, TestContext.CurrentContext.CancellationToken);
        var contacts = await host.CallAsync("crm.contact.list");
        var deals = host.CallAsync("crm.deal.list");
        await Task.Delay(50);

        Assert.Multiple(() =>
        {
            Assert.That(batch.Value!.Errors["d"].Kind, Is.EqualTo(Bitrix24ErrorKind.OperatingLimit));
            Assert.That(contacts.IsSuccess, Is.True);
            Assert.That(deals.IsCompleted, Is.False);
        });

        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.That((await deals).IsSuccess, Is.True);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.That(condition(), Is.True, "condition not reached");
    }
}
