using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Connector.Tests.Sending;
using Connector.Tests.Sending.Queue;
using MimeKit;

namespace Connector.Tests.Api;

/// <summary>
/// <c>POST /api/v1/messages</c> end to end in serve's composition: the API queues the letter, serve's runner renders it
/// from the store and sends it to a real smtp-sink; <c>Idempotency-Key</c> (sequential, concurrent, another body);
/// refusals as 422 ProblemDetails naming the field with nothing queued; bearer auth on the API and the OpenAPI document.
/// </summary>
[NonParallelizable]
[CancelAfter(120_000)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class MessagesApiTests
{
    private static readonly Uri Messages = new("api/v1/messages", UriKind.Relative);

    private static object Body(string orderId = "A-1042") => new
    {
        template = QueueRig.Template, contact_id = 7, deal_id = 70, variables = new { order_id = orderId, tracking = "RR<123>" },
    };

    private static Task<ApiRig> StartAsync(SmtpSink sink, CancellationToken cancellationToken) =>
        QueueRig.StartAsync(cancellationToken, new Dictionary<string, string?> { ["Smtp:Port"] = sink.Port.ToString(CultureInfo.InvariantCulture), ["Sending:Runner:PollIntervalSeconds"] = "1" });

    [Test]
    public async Task Post_ContactAndVariables_202ThenSmtpSinkCapturesTheRenderedLetter_GetSaysSent(CancellationToken cancellationToken)
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var rig = await StartAsync(sink, cancellationToken);
        var (_, key) = await rig.CreateKeyAsync(1);
        var (_, otherPortal) = await rig.CreateKeyAsync(2);
        using var client = rig.Client(key);

        var response = await client.PostAsJsonAsync(Messages, Body(), cancellationToken);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        var captured = await sink.WaitForMessagesAsync(1);
        var id = answer["id"]!.GetValue<long>();
        var status = await WaitForStatusAsync(client, answer["status_url"]!.GetValue<string>(), "sent", cancellationToken);
        using var other = rig.Client(otherPortal);
        var elsewhere = await other.GetAsync(new Uri(answer["status_url"]!.GetValue<string>().TrimStart('/'), UriKind.Relative), cancellationToken);
        using var message = MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(captured.Single())), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), answer.ToJsonString());
            Assert.That(answer["status"]!.GetValue<string>(), Is.EqualTo("queued"));
            Assert.That(answer["recipient"]!.GetValue<string>(), Is.EqualTo("anna@example.org"));
            Assert.That(answer["status_url"]!.GetValue<string>(), Is.EqualTo($"/api/v1/messages/{id.ToString(CultureInfo.InvariantCulture)}"));
            Assert.That(message.Subject, Is.EqualTo("v2: order A-1042"), "no template_version: the latest");
            Assert.That(message.To.Mailboxes.Single().Address, Is.EqualTo("anna@example.org"));
            Assert.That(message.HtmlBody, Does.Contain("Hello Anna, order A-1042 (Winter boots) is on its way: RR&lt;123&gt;."));
            Assert.That(message.TextBody, Does.Contain("order A-1042 (Winter boots) is on its way: RR<123>."));
            Assert.That(status["status"]!.GetValue<string>(), Is.EqualTo("sent"), status.ToJsonString());
            Assert.That((status["id"]!.GetValue<long>(), status["recipient"]!.GetValue<string>(), status["name"]!.GetValue<string>()), Is.EqualTo((id, "anna@example.org", QueueRig.Template)));
            Assert.That(status["opens"]!["raw"]!.GetValue<long>(), Is.Zero);
            Assert.That(elsewhere.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "another portal's key");
            Assert.That(rig.ErrorsWithExceptions, Is.Empty);
        });
    }

    [Test]
    public async Task Post_SameIdempotencyKey_SequentialAndConcurrent_OneLedgerRowOneMessage_OtherBody422(CancellationToken cancellationToken)
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var rig = await StartAsync(sink, cancellationToken);
        var (_, key) = await rig.CreateKeyAsync(1);
        var (_, secondKey) = await rig.CreateKeyAsync(1);
        using var client = rig.Client(key);

        async Task<(HttpStatusCode Status, JsonNode Body, bool Replayed)> PostAsync(HttpClient http, string idempotencyKey, object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Messages) { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            using var response = await http.SendAsync(request, cancellationToken);
            return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!, response.Headers.Contains("Idempotent-Replayed"));
        }

        var first = await PostAsync(client, "order-A-1042", Body());
        var again = await PostAsync(client, "order-A-1042", Body());
        var racing = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => PostAsync(client, "order-B-7", Body("B-7")), cancellationToken)));
        var otherBody = await PostAsync(client, "order-A-1042", Body("A-9999"));
        var otherApiKey = await PostAsync(rig.Client(secondKey), "order-A-1042", Body());
        await WaitForStatusAsync(client, first.Body["status_url"]!.GetValue<string>(), "sent", cancellationToken);
        await WaitForStatusAsync(client, racing[0].Body["status_url"]!.GetValue<string>(), "sent", cancellationToken);
        await WaitForStatusAsync(client, otherApiKey.Body["status_url"]!.GetValue<string>(), "sent", cancellationToken);
        var captured = await sink.WaitForMessagesAsync(3);

        Assert.Multiple(async () =>
        {
            Assert.That((first.Status, first.Replayed), Is.EqualTo((HttpStatusCode.Accepted, false)));
            Assert.That((again.Status, again.Replayed), Is.EqualTo((HttpStatusCode.Accepted, true)));
            Assert.That(JsonNode.DeepEquals(again.Body, first.Body), Is.True, again.Body.ToJsonString());
            Assert.That(racing.Select(r => r.Status), Is.All.EqualTo(HttpStatusCode.Accepted));
            Assert.That(racing.Select(r => r.Body["id"]!.GetValue<long>()).Distinct().Count(), Is.EqualTo(1));
            Assert.That(racing.Count(r => !r.Replayed), Is.EqualTo(1));
            Assert.That(otherBody.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(otherBody.Body["field"]!.GetValue<string>(), Is.EqualTo("Idempotency-Key"));
            Assert.That(otherApiKey.Status, Is.EqualTo(HttpStatusCode.Accepted), "keys are per API key");
            Assert.That(otherApiKey.Body["id"]!.GetValue<long>(), Is.Not.EqualTo(first.Body["id"]!.GetValue<long>()));
            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM send_ledger"), Is.EqualTo(3));
            Assert.That(captured, Has.Count.EqualTo(3));
            Assert.That(captured.Count(m => m.Contains("Subject: v2: order B-7", StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(rig.ErrorsWithExceptions, Is.Empty);
        });
    }

    [Test]
    public async Task Post_Refusals422AndBadInput400_NameTheField_NothingQueued(CancellationToken cancellationToken)
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var rig = await StartAsync(sink, cancellationToken);
        await rig.ExecuteAsync("INSERT INTO suppressions (address, reason, source, created_at) VALUES ('zoe@example.org', 'complaint', 'test', '2026-01-01T00:00:00Z')");
        var (_, key) = await rig.CreateKeyAsync(1);
        using var client = rig.Client(key);
        using var anonymous = rig.Client();

        var cases = new (object Body, HttpStatusCode Status, string Field)[]
        {
            (new { template = QueueRig.Template, address = "Zoe@Example.org" }, HttpStatusCode.UnprocessableEntity, "address"),
            (new { template = QueueRig.Template, address = "not an address" }, HttpStatusCode.UnprocessableEntity, "address"),
            (new { template = "nope", contact_id = 7 }, HttpStatusCode.UnprocessableEntity, "template"),
            (new { template = QueueRig.Template, template_version = 9, contact_id = 7 }, HttpStatusCode.UnprocessableEntity, "template_version"),
            (new { template = QueueRig.Template, contact_id = 99 }, HttpStatusCode.UnprocessableEntity, "contact_id"),
            (new { template = QueueRig.Template, contact_id = 9 }, HttpStatusCode.UnprocessableEntity, "contact_id"),
            (new { template = QueueRig.Template, contact_id = 8 }, HttpStatusCode.UnprocessableEntity, "contact_id"),
            (new { template = QueueRig.Template, contact_id = 7, deal_id = 71 }, HttpStatusCode.UnprocessableEntity, "deal_id"),
            (new { contact_id = 7 }, HttpStatusCode.BadRequest, "template"),
            (new { template = QueueRig.Template }, HttpStatusCode.BadRequest, "contact_id"),
            (new { template = QueueRig.Template, contact_id = "seven" }, HttpStatusCode.BadRequest, "contact_id"),
            (new { template = QueueRig.Template, contact_id = 7, deal_id = -1 }, HttpStatusCode.BadRequest, "deal_id"),
            (new { template = QueueRig.Template, address = 5 }, HttpStatusCode.BadRequest, "address"),
            (new { template = QueueRig.Template, contact_id = 7, variables = new { order = new { id = 1 } } }, HttpStatusCode.BadRequest, "variables"),
            (new { template = QueueRig.Template, contact_id = 7, variables = "x" }, HttpStatusCode.BadRequest, "variables"),
            (new { template = QueueRig.Template, contact_id = 7, kind = "bulk" }, HttpStatusCode.BadRequest, "kind"),
            (new { template = QueueRig.Template, contact_id = 7, colour = "red" }, HttpStatusCode.BadRequest, "colour"),
        };
        var answers = new List<(HttpStatusCode Status, string? Type, string? Field, string Body)>();
        foreach (var (body, _, _) in cases)
        {
            using var response = await client.PostAsJsonAsync(Messages, body, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            answers.Add((response.StatusCode, response.Content.Headers.ContentType?.MediaType, JsonNode.Parse(text)?["field"]?.GetValue<string>(), text));
        }

        using var notJson = await client.PostAsync(Messages, new StringContent("{", System.Text.Encoding.UTF8, "application/json"), cancellationToken);
        using var tooLarge = await client.PostAsync(Messages, new StringContent(new string(' ', 70_000) + "{}", System.Text.Encoding.UTF8, "application/json"), cancellationToken);
        using var badKey = new HttpRequestMessage(HttpMethod.Post, Messages) { Content = JsonContent.Create(Body()) };
        badKey.Headers.TryAddWithoutValidation("Idempotency-Key", new string('k', 300));
        using var badKeyAnswer = await client.SendAsync(badKey, cancellationToken);
        using var unauthenticated = await anonymous.PostAsJsonAsync(Messages, Body(), cancellationToken);
        using var unauthenticatedGet = await anonymous.GetAsync(new Uri("api/v1/messages/1", UriKind.Relative), cancellationToken);
        using var badId = await client.GetAsync(new Uri("api/v1/messages/x", UriKind.Relative), cancellationToken);
        using var noSuch = await client.GetAsync(new Uri("api/v1/messages/12345", UriKind.Relative), cancellationToken);

        async Task<string?> Field(HttpResponseMessage r) => JsonNode.Parse(await r.Content.ReadAsStringAsync(cancellationToken))?["field"]?.GetValue<string>();
        Assert.Multiple(async () =>
        {
            for (var i = 0; i < cases.Length; i++)
            {
                Assert.That((answers[i].Status, answers[i].Field), Is.EqualTo((cases[i].Status, cases[i].Field)), answers[i].Body);
                Assert.That(answers[i].Type, Is.EqualTo("application/problem+json"));
            }

            Assert.That((notJson.StatusCode, await Field(notJson)), Is.EqualTo((HttpStatusCode.BadRequest, "body")));
            Assert.That((tooLarge.StatusCode, await Field(tooLarge)), Is.EqualTo((HttpStatusCode.RequestEntityTooLarge, "body")));
            Assert.That((badKeyAnswer.StatusCode, await Field(badKeyAnswer)), Is.EqualTo((HttpStatusCode.BadRequest, "Idempotency-Key")));
            Assert.That((unauthenticated.StatusCode, await Field(unauthenticated)), Is.EqualTo((HttpStatusCode.Unauthorized, "Authorization")));
            Assert.That(unauthenticatedGet.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That((badId.StatusCode, await Field(badId)), Is.EqualTo((HttpStatusCode.BadRequest, "id")));
            Assert.That((noSuch.StatusCode, await Field(noSuch)), Is.EqualTo((HttpStatusCode.NotFound, "id")));
            Assert.That(await rig.CountAsync("SELECT (SELECT COUNT(*) FROM send_ledger) + (SELECT COUNT(*) FROM send_keys) + (SELECT COUNT(*) FROM queued_letters)"), Is.Zero);
            Assert.That(rig.ErrorsWithExceptions, Is.Empty);
        });
    }

    [Test]
    public async Task OpenApi_WithoutKey401_WithKeyListsTheMessageRoutes(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken);
        var (_, key) = await rig.CreateKeyAsync(1);
        using var anonymous = rig.Client();
        using var client = rig.Client(key);

        using var refused = await anonymous.GetAsync(new Uri("openapi/v1.json", UriKind.Relative), cancellationToken);
        using var wrong = rig.Client("ceb_nonsense0000000000000000000000000000");
        using var refusedWrong = await wrong.GetAsync(new Uri("openapi/v1.json", UriKind.Relative), cancellationToken);
        var document = JsonNode.Parse(await client.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative), cancellationToken))!;

        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(refused.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(refusedWrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(document["paths"]!.AsObject().Select(p => p.Key), Is.SupersetOf(new[] { "/api/v1/messages", "/api/v1/messages/{id}" }));
            Assert.That(document["paths"]!["/api/v1/messages"]!["post"]!["requestBody"]!.ToJsonString(), Does.Contain("ApiMessageBody"));
            Assert.That(document["components"]!["schemas"]!["ApiMessageBody"]!["properties"]!.AsObject().Select(p => p.Key),
                Is.EquivalentTo(new[] { "template", "template_version", "contact_id", "address", "deal_id", "variables", "kind" }));
        });
    }

    [Test]
    public async Task Post_IdempotencyKeyOlderThan24Hours_StartsANewMessage_ThenThatOneReplays(CancellationToken cancellationToken)
    {
        await using var rig = await QueueRig.StartAsync(cancellationToken, new Dictionary<string, string?> { ["Sending:Runner:Enabled"] = "false" });
        var (_, key) = await rig.CreateKeyAsync(1);
        using var client = rig.Client(key);

        async Task<(long Id, bool Replayed)> PostAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Messages) { Content = JsonContent.Create(Body()) };
            request.Headers.Add("Idempotency-Key", "nightly-receipt");
            using var response = await client.SendAsync(request, cancellationToken);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            return (JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!["id"]!.GetValue<long>(), response.Headers.Contains("Idempotent-Replayed"));
        }

        var first = await PostAsync();
        var within = await PostAsync();
        var created = DateTimeOffset.UtcNow - TimeSpan.FromHours(24) - TimeSpan.FromMinutes(1);
        await rig.ExecuteAsync("UPDATE send_keys SET created_at = @At", new { At = Connector.Store.UtcText.From(created) });
        var later = await PostAsync();
        var laterAgain = await PostAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(within, Is.EqualTo((first.Id, true)));
            Assert.That(later.Replayed, Is.False);
            Assert.That(later.Id, Is.Not.EqualTo(first.Id));
            Assert.That(laterAgain, Is.EqualTo((later.Id, true)));
            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM send_keys WHERE send_key LIKE 'api:%#2'"), Is.EqualTo(1));
        });
    }

    private static async Task<JsonNode> WaitForStatusAsync(HttpClient client, string url, string wanted, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = JsonNode.Parse(await client.GetStringAsync(new Uri(url.TrimStart('/'), UriKind.Relative), cancellationToken))!;
            if (status["status"]!.GetValue<string>() == wanted)
            {
                return status;
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}
