using System.Text.Json.Nodes;
using Connector.Crm.Bitrix24;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Connector.Tests.Crm.Bitrix24;

/// <summary>The real DI registration (Refit client + "bitrix24" pipeline) pointed at a WireMock portal.</summary>
internal sealed class Bitrix24TestHost : IDisposable
{
    public const string WebhookCode = "s3cr3t-w3bh00k-c0de";

    private readonly ServiceProvider _services;

    private Bitrix24TestHost(TimeProvider? timeProvider, Action<Bitrix24ClientOptions>? configure)
    {
        Server = WireMockServer.Start();
        Logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddSingleton(timeProvider ?? TimeProvider.System);

        services.AddBitrix24Client(o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
            // These tests pin the wire-level burst of 50; the default headroom is tested in Bitrix24LeakyBucketTests.
            o.BurstHeadroom = 0;
            configure?.Invoke(o);
        });
        _services = services.BuildServiceProvider();
        Client = _services.GetRequiredService<IBitrix24Client>();
        Portal = new Bitrix24Portal("portal-under-test", new Uri($"{Server.Url}/rest/1/{WebhookCode}/"), Bitrix24AuthMode.Webhook);
    }

    public WireMockServer Server { get; }

    public CapturingLoggerProvider Logs { get; }

    public IBitrix24Client Client { get; }

    public Bitrix24Portal Portal { get; }

    public Bitrix24Counters Counters => Client.CountersFor(Portal);

    public static Bitrix24TestHost Start(TimeProvider? timeProvider = null, Action<Bitrix24ClientOptions>? configure = null) =>
        new(timeProvider, configure);

    public static string PathOf(string method) => $"/rest/1/{WebhookCode}/{method}";

    public void Given(string method, int status, string body, TimeSpan? delay = null)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
        if (delay is { } d)
        {
            response = response.WithDelay(d);
        }

        Server.Given(Request.Create().WithPath(PathOf(method)).UsingPost()).RespondWith(response);
    }

    public void Given(string method, Bitrix24Fixture fixture) => Given(method, fixture.Status, fixture.Body);

    /// <summary>Answers in order, one per request; the last answer repeats.</summary>
    public void GivenSequence(string method, params (int Status, string Body, TimeSpan? Delay)[] answers)
    {
        for (var i = 0; i < answers.Length; i++)
        {
            var (status, body, delay) = answers[i];
            var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
            if (delay is { } d)
            {
                response = response.WithDelay(d);
            }

            var request = Server.Given(Request.Create().WithPath(PathOf(method)).UsingPost()).InScenario(method);
            var stated = i == 0 ? request.WillSetStateTo("s1") : request.WhenStateIs($"s{i}");
            if (i > 0 && i < answers.Length - 1)
            {
                stated = stated.WillSetStateTo($"s{i + 1}");
            }

            stated.RespondWith(response);
        }
    }

    public int RequestsTo(string method) => Server.LogEntries.Count(e => e.RequestMessage?.Path == PathOf(method));

    public Task<Bitrix24Response<JsonElementResult>> CallAsync(string method, bool idempotent = true) =>
        Client.CallAsync(Portal, method, new JsonObject(), idempotent, TestContext.CurrentContext.CancellationToken);

    public void Dispose()
    {
        _services.Dispose();
        Server.Stop();
        Server.Dispose();
    }
}
