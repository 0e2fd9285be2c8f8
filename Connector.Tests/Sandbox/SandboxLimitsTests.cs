using System.Net;
using Connector.Sandbox;

namespace Connector.Tests.Sandbox;

[CancelAfter(120_000)]
public sealed class SandboxLimitsTests
{
    [Test]
    public async Task LeakyBucket_FiftyFirstImmediateRequest_Returns503ThenRecovers()
    {
        await using var sut = await SandboxTestHost.StartAsync(new SandboxOptions { Contacts = 10, Deals = 0 });
        for (var i = 0; i < 50; i++)
        {
            var (ok, _) = await sut.PostAsync("app.info", new { });
            Assert.That(ok, Is.EqualTo(HttpStatusCode.OK), $"request {i + 1}");
        }

        var (limited, body) = await sut.PostAsync("app.info", new { });
        sut.Time.Advance(TimeSpan.FromSeconds(1));
        var (recovered, _) = await sut.PostAsync("app.info", new { });

        Assert.Multiple(() =>
        {
            Assert.That(limited, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(body["error"]!.GetValue<string>(), Is.EqualTo("QUERY_LIMIT_EXCEEDED"));
            Assert.That(recovered, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(sut.Portal.Stats.QueryLimitRejections, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task LeakyBucket_Disabled_NeverReturns503()
    {
        await using var sut = await SandboxTestHost.StartAsync(new SandboxOptions { Contacts = 10, Deals = 0, RateLimitEnabled = false });
        for (var i = 0; i < 60; i++)
        {
            var (status, _) = await sut.PostAsync("app.info", new { });
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [Test]
    public async Task OperatingLimit_BudgetExhausted_Returns429UntilBasketsExpire()
    {
        var options = new SandboxOptions { OperatingLimitSeconds = 0.05, OperatingCostPerCallSeconds = 0.02, OperatingCostPerRowSeconds = 0 };
        await using var sut = await SandboxTestHost.StartAsync(options);
        for (var i = 0; i < 3; i++)
        {
            await sut.PostAsync("crm.contact.list", new { start = -1 });
        }

        var (blocked, body) = await sut.PostAsync("crm.contact.list", new { start = -1 });
        var (other, _) = await sut.PostAsync("crm.item.list", new { entityTypeId = 2, start = -1 });
        var (_, batch) = await sut.PostAsync("batch", new { cmd = new Dictionary<string, string> { ["c"] = "crm.contact.list?start=-1" } });
        sut.Time.Advance(TimeSpan.FromMinutes(11));
        var (after, _) = await sut.PostAsync("crm.contact.list", new { start = -1 });

        Assert.Multiple(() =>
        {
            Assert.That(blocked, Is.EqualTo((HttpStatusCode)429));
            Assert.That(body["error"]!.GetValue<string>(), Is.EqualTo("OPERATION_TIME_LIMIT"));
            Assert.That(other, Is.EqualTo(HttpStatusCode.OK), "only the exhausted method is blocked");
            Assert.That(batch["result"]!["result_error"]!["c"]!["error"]!.GetValue<string>(), Is.EqualTo("OPERATION_TIME_LIMIT"));
            Assert.That(after, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task OperatingLimit_SuccessfulCall_ReportsOperatingAndResetAt()
    {
        await using var sut = await SandboxTestHost.StartAsync();

        var (_, body) = await sut.PostAsync("crm.contact.list", new { start = -1 });

        var time = body["time"]!;
        Assert.Multiple(() =>
        {
            Assert.That(time["operating"]!.GetValue<double>(), Is.EqualTo(0.005 + (50 * 0.0002)).Within(1e-9));
            Assert.That(time["operating_reset_at"]!.GetValue<long>(), Is.GreaterThan(SandboxTestHost.Start.ToUnixTimeSeconds()));
            Assert.That(time["date_start"]!.GetValue<string>(), Is.EqualTo("2026-03-02T12:00:00+03:00"));
        });
    }
}
