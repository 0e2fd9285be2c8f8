using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Crm.Bitrix24;

namespace Connector.Tests.Crm.Bitrix24;

[CancelAfter(120_000)]
public sealed class Bitrix24ClientTests
{
    private const string Html = "<html><body><h1>Bitrix24 maintenance</h1></body></html>";

    // A page cut off on the way (the connection dropped after the headers said 200).
    private const string Truncated = """{"result":[{"ID":"1","NAME":"Ан""";
    private const string Page = """{"result":[{"ID":"1","NAME":"Анна"}],"total":1,"time":{"start":1,"finish":1.1,"duration":0.1,"processing":0.1}}""";
    private const string TruncatedBatch = """{"result":{"result":{"c":[{"ID":"1"}],"d":{"ID":{"type":"int""";
    private const string BatchOk = """
        {"result":{"result":{"c":[{"ID":"1"}],"d":{"ID":{"type":"integer"}}},"result_error":[],"result_total":{"c":1},"result_next":[],
         "result_time":[]},"time":{"start":1,"finish":1.1,"duration":0.1,"processing":0.1}}
        """;

    [Test]
    public async Task CallAsync_ContactList_PostsJsonToWebhookUrlAndReturnsRows()
    {
        using var host = Bitrix24TestHost.Start();
        host.Given("crm.contact.list", Bitrix24Fixture.Load("crm-contact-list"));
        var parameters = new JsonObject { ["select"] = new JsonArray("ID", "EMAIL"), ["start"] = -1 };

        var response = await host.Client.CallAsync(host.Portal, "crm.contact.list", parameters, idempotent: true, TestContext.CurrentContext.CancellationToken);

        var request = host.Server.LogEntries.Single().RequestMessage!;
        Assert.Multiple(() =>
        {
            Assert.That(response.Value!.Total, Is.EqualTo(5));
            Assert.That(Bitrix24Json.ReadLong(response.Value.Result[0], "ID"), Is.EqualTo(75));
            Assert.That(request.Path, Is.EqualTo(Bitrix24TestHost.PathOf("crm.contact.list")));
            Assert.That(JsonNode.Parse(request.Body!)!["start"]!.GetValue<int>(), Is.EqualTo(-1));
            Assert.That(host.Counters.Requests, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task BatchAsync_Success_SendsHaltAndCmdAndParsesOutcome()
    {
        using var host = Bitrix24TestHost.Start();
        host.Given("batch", Bitrix24Fixture.Load("batch-success"));
        Bitrix24BatchCommand[] commands =
        [
            new("get_user", "user.current", ""),
            new("get_department", "department.get", "ID=$result[get_user][UF_DEPARTMENT][0]"),
        ];

        var response = await host.Client.BatchAsync(host.Portal, commands, idempotent: true, TestContext.CurrentContext.CancellationToken);

        var body = JsonNode.Parse(host.Server.LogEntries.Single().RequestMessage!.Body!)!;
        Assert.Multiple(() =>
        {
            Assert.That(body["halt"]!.GetValue<int>(), Is.EqualTo(0));
            Assert.That(body["cmd"]!["get_department"]!.GetValue<string>(), Is.EqualTo("department.get?ID=$result[get_user][UF_DEPARTMENT][0]"));
            Assert.That(body["cmd"]!["get_user"]!.GetValue<string>(), Is.EqualTo("user.current"));
            Assert.That(response.Value!.Results["get_user"].GetProperty("LAST_NAME").GetString(), Is.EqualTo("Doe"));
            Assert.That(response.Value.Totals["get_department"], Is.EqualTo(1));
        });
    }

    [Test]
    public async Task BatchAsync_Halt0CommandErrors_SuccessWithErrorsPerCommand()
    {
        using var host = Bitrix24TestHost.Start();
        host.Given("batch", Bitrix24Fixture.Load("batch-halt0-errors"));

        var response = await host.Client.BatchAsync(
            host.Portal, [new("get_user", "user.current", ""), new("get_department", "department.get", "ID=1")], true, TestContext.CurrentContext.CancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.IsSuccess, Is.True);
            Assert.That(response.Value!.Errors.Keys, Is.EquivalentTo(new[] { "get_user", "get_department" }));
            Assert.That(response.Value.Errors["get_user"].Kind, Is.EqualTo(Bitrix24ErrorKind.Forbidden));
        });
    }

    [Test]
    public async Task CallAsync_QueryLimitThenOk_RetriedEvenWhenNotIdempotent()
    {
        using var host = Bitrix24TestHost.Start();
        var limit = Bitrix24Fixture.Load("error-query-limit");
        host.GivenSequence("crm.deal.add", (limit.Status, limit.Body, null), (200, """{"result":42}""", null));

        var response = await host.CallAsync("crm.deal.add", idempotent: false);

        Assert.Multiple(() =>
        {
            Assert.That(response.Value!.Result.GetInt32(), Is.EqualTo(42));
            Assert.That(host.RequestsTo("crm.deal.add"), Is.EqualTo(2));
            Assert.That(host.Counters with { LimiterWait = TimeSpan.Zero }, Is.EqualTo(new Bitrix24Counters(2, 1, 1, 0, TimeSpan.Zero)));
            // The 503 filled the local bucket, so the retry waited for it to drain (up to 0.5 s at 2/s).
            Assert.That(host.Counters.LimiterWait, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromSeconds(0.5)));
        });
    }

    [Test]
    public async Task CallAsync_QueryLimitForever_RateLimitedAfterRetries()
    {
        using var host = Bitrix24TestHost.Start(configure: o => o.RetryCount = 2);
        host.Given("crm.contact.list", Bitrix24Fixture.Load("error-query-limit"));

        var response = await host.CallAsync("crm.contact.list");

        Assert.Multiple(() =>
        {
            Assert.That(response.Error!.Kind, Is.EqualTo(Bitrix24ErrorKind.RateLimited));
            Assert.That(host.RequestsTo("crm.contact.list"), Is.EqualTo(3));
        });
    }

    [TestCase(true, 2)]
    [TestCase(false, 1)]
    public async Task CallAsync_CodelessServerError_RetriedOnlyWhenIdempotent(bool idempotent, int expectedRequests)
    {
        using var host = Bitrix24TestHost.Start();
        host.GivenSequence("crm.contact.get", (500, Html, null), (200, """{"result":{"ID":"1"}}""", null));

        var response = await host.CallAsync("crm.contact.get", idempotent);

        Assert.Multiple(() =>
        {
            Assert.That(host.RequestsTo("crm.contact.get"), Is.EqualTo(expectedRequests));
            Assert.That(response.IsSuccess, Is.EqualTo(idempotent));
            Assert.That(response.Error?.Kind, Is.EqualTo(idempotent ? (Bitrix24ErrorKind?)null : Bitrix24ErrorKind.Server));
        });
    }

    [TestCase(true, 2)]
    [TestCase(false, 1)]
    public async Task CallAsync_SlowerThanAttemptTimeout_RetriedOnlyWhenIdempotent(bool idempotent, long expectedRequests)
    {
        using var host = Bitrix24TestHost.Start(configure: o => o.AttemptTimeout = TimeSpan.FromMilliseconds(200));
        host.GivenSequence(
            "crm.contact.get",
            (200, """{"result":{"ID":"1"}}""", TimeSpan.FromSeconds(1)),
            (200, """{"result":{"ID":"1"}}""", null));

        var response = await host.CallAsync("crm.contact.get", idempotent);

        Assert.Multiple(() =>
        {
            Assert.That(host.Counters.Requests, Is.EqualTo(expectedRequests));
            Assert.That(response.IsSuccess, Is.EqualTo(idempotent));
            if (!idempotent)
            {
                Assert.That(response.Error!.Kind, Is.EqualTo(Bitrix24ErrorKind.Unreachable));
                Assert.That(response.Error.Code, Is.EqualTo("TIMEOUT"));
            }
        });
    }

    [Test]
    public async Task CallAsync_HtmlBody_InvalidResponseNamingMethod()
    {
        using var host = Bitrix24TestHost.Start();
        host.Given("crm.contact.list", 200, Html);

        var response = await host.CallAsync("crm.contact.list");

        Assert.Multiple(() =>
        {
            Assert.That(response.Error!.Kind, Is.EqualTo(Bitrix24ErrorKind.InvalidResponse));
            Assert.That(response.Error.Description, Does.Contain("crm.contact.list"));
            // A read whose 200 is not JSON is asked again: once plus RetryCount (4) retries.
            Assert.That(host.RequestsTo("crm.contact.list"), Is.EqualTo(5));
        });
    }

    [TestCase("error-expired-token", Bitrix24ErrorKind.Auth)]
    [TestCase("error-overload-limit", Bitrix24ErrorKind.Server)]
    [TestCase("crm-contact-list-access-denied", Bitrix24ErrorKind.Method)]
    [TestCase("error-handler-exists", Bitrix24ErrorKind.Method)]
    public async Task CallAsync_ErrorThatIsNotRetryable_OneRequestAndErrorValue(string fixture, Bitrix24ErrorKind kind)
    {
        using var host = Bitrix24TestHost.Start();
        host.Given("crm.contact.list", Bitrix24Fixture.Load(fixture));

        var response = await host.CallAsync("crm.contact.list", idempotent: true);

        Assert.Multiple(() =>
        {
            Assert.That(response.Error!.Kind, Is.EqualTo(kind));
            Assert.That(host.RequestsTo("crm.contact.list"), Is.EqualTo(1));
            Assert.That(host.Counters.Retries, Is.Zero);
        });
    }

    [Test]
    public async Task CallAsync_PortalDown_UnreachableValue()
    {
        using var host = Bitrix24TestHost.Start(configure: o => o.RetryCount = 1);
        var portal = host.Portal with { Endpoint = new Uri("http://127.0.0.1:1/rest/1/x/") };

        var response = await host.Client.CallAsync(portal, "crm.contact.list", new JsonObject(), true, TestContext.CurrentContext.CancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.Error!.Kind, Is.EqualTo(Bitrix24ErrorKind.Unreachable));
            Assert.That(host.Client.CountersFor(portal).Requests, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task CallAsync_OAuthPortalWithoutCredentials_AuthErrorWithoutRequest()
    {
        using var host = Bitrix24TestHost.Start();
        var portal = host.Portal with { AuthMode = Bitrix24AuthMode.OAuth };

        var response = await host.Client.CallAsync(portal, "crm.contact.list", new JsonObject(), true, TestContext.CurrentContext.CancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.Error!.Kind, Is.EqualTo(Bitrix24ErrorKind.Auth));
            Assert.That(response.Error.Description, Does.Contain("OAuth credentials are not configured"));
            Assert.That(host.Server.LogEntries, Is.Empty);
        });
    }

    [Test]
    public async Task CallAsync_AnyOutcome_WebhookUrlNeverLogged()
    {
        using var host = Bitrix24TestHost.Start(configure: o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.RetryCount = 1;
        });
        host.Given("crm.contact.list", Bitrix24Fixture.Load("error-query-limit"));
        host.Given("crm.contact.get", 500, Html);
        host.Given("crm.deal.get", 200, "{}", TimeSpan.FromSeconds(1));
        host.Given("crm.deal.list", Bitrix24Fixture.Load("error-expired-token"));

        await host.CallAsync("crm.contact.list");
        await host.CallAsync("crm.contact.get");
        await host.CallAsync("crm.deal.get");
        await host.CallAsync("crm.deal.list");

        Assert.That(host.Logs.Lines, Is.Not.Empty);
        Assert.That(host.Logs.Lines, Has.None.Contains(Bitrix24TestHost.WebhookCode));
        Assert.That(host.Logs.Lines, Has.Some.Contains("portal-under-test"));
    }

    [TestCase("crm.contact.list")]
    [TestCase("app.info")]
    [TestCase("user.current")]
    [CancelAfter(10_000)]
    public async Task CallAsync_ReadWithTruncatedJsonThenPage_RetriedOnceAndSucceeds(string method, CancellationToken cancellationToken)
    {
        using var host = Bitrix24TestHost.Start();
        host.GivenSequence(method, (200, Truncated, null), (200, Page, null));

        var response = await host.Client.CallAsync(host.Portal, method, [], idempotent: false, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.IsSuccess, Is.True, response.Error?.ToString());
            Assert.That(response.Value!.Result.GetArrayLength(), Is.EqualTo(1));
            Assert.That(host.RequestsTo(method), Is.EqualTo(2));
            Assert.That(host.Counters.Retries, Is.EqualTo(1));
        });
    }

    [TestCase("crm.contact.add")]
    [TestCase("crm.deal.update")]
    [TestCase("crm.timeline.comment.add")]
    [TestCase("event.bind")]
    [CancelAfter(10_000)]
    public async Task CallAsync_WriteWithTruncatedJson_NotRetriedEvenWhenIdempotent(string method, CancellationToken cancellationToken)
    {
        using var host = Bitrix24TestHost.Start();
        host.GivenSequence(method, (200, Truncated, null), (200, Page, null));

        var response = await host.Client.CallAsync(host.Portal, method, [], idempotent: true, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.Error?.Kind, Is.EqualTo(Bitrix24ErrorKind.InvalidResponse));
            Assert.That(response.Error?.Description, Does.Contain(method));
            Assert.That(host.RequestsTo(method), Is.EqualTo(1));
            Assert.That(host.Counters.Retries, Is.Zero);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task BatchAsync_ReadsOnlyWithTruncatedJson_RetriedOnceAndSucceeds(CancellationToken cancellationToken)
    {
        using var host = Bitrix24TestHost.Start();
        host.GivenSequence("batch", (200, TruncatedBatch, null), (200, BatchOk, null));

        var response = await host.Client.BatchAsync(
            host.Portal, [new("c", "crm.contact.list", "start=0"), new("d", "crm.deal.fields", "")], idempotent: true, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.IsSuccess, Is.True, response.Error?.ToString());
            Assert.That(response.Value!.Results["c"].GetArrayLength(), Is.EqualTo(1));
            Assert.That(host.RequestsTo("batch"), Is.EqualTo(2));
            Assert.That(host.Counters.Retries, Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task BatchAsync_WithOneWriteAndTruncatedJson_NotRetried(CancellationToken cancellationToken)
    {
        using var host = Bitrix24TestHost.Start();
        host.GivenSequence("batch", (200, TruncatedBatch, null), (200, BatchOk, null));

        var response = await host.Client.BatchAsync(
            host.Portal, [new("c", "crm.contact.list", "start=0"), new("d", "crm.contact.update", "id=1&fields[NAME]=A")], idempotent: true, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.Error?.Kind, Is.EqualTo(Bitrix24ErrorKind.InvalidResponse));
            Assert.That(host.RequestsTo("batch"), Is.EqualTo(1));
            Assert.That(host.Counters.Retries, Is.Zero);
        });
    }

    [TestCase("crm.contact.list", true)]
    [TestCase("crm.item.get", true)]
    [TestCase("crm.contact.userfield.list", true)]
    [TestCase("crm.deal.fields", true)]
    [TestCase("app.info", true)]
    [TestCase("crm.contact.add", false)]
    [TestCase("crm.deal.delete", false)]
    [TestCase("crm.timeline.logmessage.add", false)]
    [TestCase("placement.bind", false)]
    [TestCase("event.unbind", false)]
    public void IsReadOnly_Method_ReadsOnlyByLastSegment(string method, bool expected) =>
        Assert.That(Bitrix24ReadOnlyMethods.IsReadOnly(method), Is.EqualTo(expected));

    [Test]
    public void CallAsync_BadMethodName_Throws()
    {
        using var host = Bitrix24TestHost.Start();

        Assert.ThrowsAsync<ArgumentException>(() => host.CallAsync("../admin"));
    }

    [Test]
    public void Result_JsonElement_OutlivesResponse()
    {
        var response = Bitrix24ResponseParser.ParseCall("x", 200, """{"result":{"a":1}}"""u8.ToArray());

        Assert.That(response.Value!.Result.GetProperty("a").ValueKind, Is.EqualTo(JsonValueKind.Number));
    }
}
