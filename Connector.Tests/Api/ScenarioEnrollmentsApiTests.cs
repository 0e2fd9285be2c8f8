using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Connector.Scenarios;
using Connector.Tests.Sending;
using Connector.Tests.Sending.Queue;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Connector.Tests.Api;

/// <summary>
/// <c>POST /api/v1/scenarios/{name}/enrollments</c> in serve's composition: an api-triggered scenario entered by an
/// explicit call (202 with the enrollment id; its variables reach the letter in a real smtp-sink); Idempotency-Key
/// (same body → the same enrollment, another body → 422); unknown scenario 404, a scenario with its own trigger 409,
/// re-entry refused 422 naming the field and the reason; 401 without a key; the route in the OpenAPI document.
/// </summary>
[NonParallelizable]
[CancelAfter(120_000)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ScenarioEnrollmentsApiTests
{
    private const string ApiScenario = """
        name: order-follow-up
        trigger: { type: api }
        re_entry: once
        steps:
          - id: thanks
            send: order-shipped
        """;

    private const string StageScenario = """
        name: stage-only
        trigger: { type: deal_created }
        steps:
          - id: hello
            send: order-shipped
        """;

    private static Uri Enrollments(string name) => new($"api/v1/scenarios/{name}/enrollments", UriKind.Relative);

    private static async Task<ApiRig> StartAsync(int smtpPort, CancellationToken cancellationToken)
    {
        var rig = await QueueRig.StartAsync(cancellationToken, new Dictionary<string, string?>
        {
            ["Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture), ["Sending:Runner:PollIntervalSeconds"] = "1", ["Scenarios:IntervalSeconds"] = "1",
        });
        var importer = rig.Services.GetRequiredService<ScenarioImporter>();
        foreach (var file in new[] { ApiScenario, StageScenario })
        {
            var (imported, errors) = await importer.ImportAsync(file, 1, cancellationToken);
            Assert.That(imported, Is.Not.Null, string.Join("; ", errors.Select(e => e.Format("f"))));
        }

        return rig;
    }

    [Test]
    public async Task Post_ApiScenario_202EnrollmentThenLetterWithVariables_SameIdempotencyKeyReplays_OtherBody422(CancellationToken cancellationToken)
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var rig = await StartAsync(sink.Port, cancellationToken);
        var (_, key) = await rig.CreateKeyAsync(1);
        using var client = rig.Client(key);
        var body = new { deal_id = 70, variables = new { order_id = "A-7", tracking = "RR1" } };

        using var first = await PostAsync(client, "order-follow-up", body, "k-1", cancellationToken);
        var answer = JsonNode.Parse(await first.Content.ReadAsStringAsync(cancellationToken))!;
        using var replay = await PostAsync(client, "order-follow-up", body, "k-1", cancellationToken);
        var replayed = JsonNode.Parse(await replay.Content.ReadAsStringAsync(cancellationToken))!;
        using var other = await PostAsync(client, "order-follow-up", new { deal_id = 70, variables = new { order_id = "B-8" } }, "k-1", cancellationToken);
        var otherProblem = JsonNode.Parse(await other.Content.ReadAsStringAsync(cancellationToken))!;
        var captured = await sink.WaitForMessagesAsync(1);
        using var message = MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(captured.Single())), cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), answer.ToJsonString());
            Assert.That((answer["scenario"]!.GetValue<string>(), answer["deal_id"]!.GetValue<long>(), answer["state"]!.GetValue<string>()), Is.EqualTo(("order-follow-up", 70L, "active")));
            Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(replayed["id"]!.GetValue<long>(), Is.EqualTo(answer["id"]!.GetValue<long>()));
            Assert.That(replay.Headers.GetValues("Idempotent-Replayed").Single(), Is.EqualTo("true"));
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(otherProblem["field"]!.GetValue<string>(), Is.EqualTo("Idempotency-Key"));
            Assert.That(message.Subject, Is.EqualTo("v2: order A-7"), "the enrollment's variables reach its letters as vars.*");
            Assert.That(message.To.Mailboxes.Single().Address, Is.EqualTo("anna@example.org"));
            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM scenario_enrollments"), Is.EqualTo(1));
            Assert.That(rig.ErrorsWithExceptions, Is.Empty);
        });
    }

    [Test]
    public async Task Post_Refusals_404Unknown409NotApi422ReEntryAndNoSuchDeal400BadBody401NoKey(CancellationToken cancellationToken)
    {
        await using var rig = await StartAsync(9, cancellationToken);
        var (_, key) = await rig.CreateKeyAsync(1);
        using var client = rig.Client(key);
        using var anonymous = rig.Client();

        using var unknown = await PostAsync(client, "no-such", new { deal_id = 70 }, null, cancellationToken);
        using var notApi = await PostAsync(client, "stage-only", new { deal_id = 70 }, null, cancellationToken);
        using var entered = await PostAsync(client, "order-follow-up", new { deal_id = 70 }, null, cancellationToken);
        using var reEntry = await PostAsync(client, "order-follow-up", new { deal_id = 70 }, null, cancellationToken);
        using var noDeal = await PostAsync(client, "order-follow-up", new { deal_id = 999 }, null, cancellationToken);
        using var both = await PostAsync(client, "order-follow-up", new { deal_id = 70, contact_id = 7 }, null, cancellationToken);
        using var noKey = await PostAsync(anonymous, "order-follow-up", new { deal_id = 70 }, null, cancellationToken);
        using var document = await client.GetAsync(new Uri("openapi/v1.json", UriKind.Relative), cancellationToken);
        var openApi = JsonNode.Parse(await document.Content.ReadAsStringAsync(cancellationToken))!;

        var reEntryProblem = JsonNode.Parse(await reEntry.Content.ReadAsStringAsync(cancellationToken))!;
        var noDealProblem = JsonNode.Parse(await noDeal.Content.ReadAsStringAsync(cancellationToken))!;
        Assert.Multiple(async () =>
        {
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(notApi.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(entered.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(reEntry.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That((reEntryProblem["field"]!.GetValue<string>(), reEntryProblem["reason"]!.GetValue<string>()), Is.EqualTo(("deal_id", "re_entry")));
            Assert.That(reEntryProblem["detail"]!.GetValue<string>(), Does.StartWith("re_entry is once: deal 70 entered before"));
            Assert.That((noDeal.StatusCode, noDealProblem["reason"]!.GetValue<string>()), Is.EqualTo((HttpStatusCode.UnprocessableEntity, "unknown_deal")));
            Assert.That(both.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(noKey.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(openApi["paths"]!["/api/v1/scenarios/{name}/enrollments"]?["post"], Is.Not.Null);
            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM scenario_enrollments"), Is.EqualTo(1));
        });
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string name, object body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Enrollments(name)) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request, cancellationToken);
    }
}
