using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Scenarios;
using Connector.Tests.Api;
using Connector.Tests.Sending.Queue;
using Connector.Web.UiSession;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Web.Tabs;

/// <summary>
/// <c>/api/ui/tabs/{record}/{id}</c> in serve's composition on a seeded store: portal A's deal 70 on Anna (contact 7)
/// and Ivan (contact 12, an IDN address), six messages in every state that matters, an api-triggered scenario; portal B
/// holds a contact 7 of its own with a message. Auth (401, 403 for another record or another kind of card), tenant
/// scoping, the view's names and statuses, stop an enrollment, lift a manual suppression only, preview and send a
/// template, validation ProblemDetails naming the field, and the view's time on this data.
/// </summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class TabRoutesTests
{
    private const string Scenario = """
        name: nurture
        trigger: { type: api }
        steps:
          - id: pause
            wait: 2d
          - id: hello
            send: order-shipped
        """;

    private static async Task<ApiRig> StartAsync(CancellationToken cancellationToken)
    {
        // No scenario dispatch job: these tests read and stop enrollments through the routes, and a dispatch pass that
        // happened to run between an enrollment and the card's read would move it on (seen once under a full run's load).
        var rig = await QueueRig.StartAsync(cancellationToken, new Dictionary<string, string?> { ["Scenarios:Enabled"] = "false" });
        await rig.SeedContactAsync(1, 12, "Ivan", "Sidorov", [("ivan@xn--80a1acny.xn--p1ai", true)]);
        await rig.SeedDealAsync(1, 71, "Other deal", 12);
        await rig.ExecuteAsync("""
            INSERT INTO deal_contacts (portal_id, deal_id, contact_id, position) VALUES (1, 70, 12, 1);
            UPDATE deals SET assigned_by_id = 7, stage_id = 'C1:PREPARATION', pipeline_id = 1 WHERE portal_id = 1 AND crm_id = 70;
            INSERT INTO pipelines (portal_id, crm_id, name, sort, is_default) VALUES (1, 1, 'Опт', 20, 0);
            INSERT INTO stages (portal_id, stage_id, pipeline_id, name, sort, semantic, color) VALUES (1, 'C1:PREPARATION', 1, 'Подготовка КП', 20, 'P', '#00a9f4');
            INSERT INTO users (portal_id, crm_id, name, last_name, active, synced_at) VALUES (1, 7, 'Мария', 'Соколова', 1, '2026-01-01T00:00:00Z');
            """);
        // 1 opened and clicked; 2 a scenario's, hard-bounced; 3 queued; 4 suppressed; 5 complained; 6 unsubscribed (to Ivan); 7 deal 70's key, soft-bounced.
        await rig.SeedMessageAsync(1, "campaign:1", 7, "anna@example.org");
        await rig.ExecuteAsync("""
            INSERT INTO send_keys (send_key, portal_id, name, kind, deal_id, created_at) VALUES
              ('step:hello:enrollment:99', 1, 'order-follow-up', 'Scenario', NULL, '2026-01-02T00:00:00Z'),
              ('campaign:2', 1, 'december-news', 'Campaign', NULL, '2026-01-02T00:00:00Z'),
              ('campaign:3', 1, 'deal-offer', 'Campaign', 70, '2026-01-02T00:00:00Z'),
              ('campaign:9', 2, 'b-only', 'Campaign', NULL, '2026-01-02T00:00:00Z');
            INSERT INTO send_ledger (send_key, recipient, contact_id, state, due_at, next_attempt_at, created_at, updated_at, sender_domain, reply_code) VALUES
              ('step:hello:enrollment:99', 'anna@example.org', 7, 'failed', '2026-01-02T00:00:00Z', '2026-01-02T00:00:00Z', '2026-01-02T00:00:00Z', '2026-01-02T00:00:01Z', 'example.com', 550),
              ('campaign:2', 'anna@example.org', 7, 'queued', '2026-01-03T00:00:00Z', '2026-01-03T00:00:00Z', '2026-01-03T00:00:00Z', '2026-01-03T00:00:00Z', 'example.com', NULL),
              ('campaign:2', 'ANNA@example.org', 7, 'suppressed', '2026-01-03T00:00:00Z', '2026-01-03T00:00:00Z', '2026-01-03T00:00:00Z', '2026-01-03T00:00:00Z', 'example.com', NULL),
              ('campaign:2', 'anna+c@example.org', 7, 'sent', '2026-01-03T00:00:00Z', '2026-01-03T00:00:00Z', '2026-01-03T00:00:00Z', '2026-01-03T00:00:01Z', 'example.com', 250),
              ('campaign:2', 'ivan@xn--80a1acny.xn--p1ai', 12, 'sent', '2026-01-03T00:00:00Z', '2026-01-03T00:00:00Z', '2026-01-03T00:00:00Z', '2026-01-03T00:00:01Z', 'example.com', 250),
              ('campaign:3', 'someone@example.net', 99, 'sent', '2026-01-04T00:00:00Z', '2026-01-04T00:00:00Z', '2026-01-04T00:00:00Z', '2026-01-04T00:00:01Z', 'example.com', 250),
              ('campaign:9', 'b7@example.org', 7, 'sent', '2026-01-04T00:00:00Z', '2026-01-04T00:00:00Z', '2026-01-04T00:00:00Z', '2026-01-04T00:00:01Z', 'example.com', 250);
            INSERT INTO engagement_messages (ledger_id, contact_id, opens, human_opens, first_open_at, first_human_open_at, clicks, human_clicks, first_click_at, first_human_click_at)
              VALUES (1, 7, 3, 2, '2026-01-01T01:00:00Z', '2026-01-01T02:00:00Z', 1, 1, '2026-01-01T02:05:00Z', '2026-01-01T02:05:00Z');
            INSERT INTO engagement_links (ledger_id, url, clicks, human_clicks, first_click_at, first_human_click_at) VALUES (1, 'https://shop.example/boots', 1, 1, '2026-01-01T02:05:00Z', '2026-01-01T02:05:00Z');
            INSERT INTO engagement_messages (ledger_id, contact_id, unsubscribed_at) VALUES (6, 12, '2026-01-03T05:00:00Z');
            INSERT INTO bounce_events (ledger_id, recipient, kind, source, at) VALUES
              (5, 'anna+c@example.org', 'complaint', 'hook', '2026-01-03T06:00:00Z'),
              (7, 'someone@example.net', 'soft', 'hook', '2026-01-04T06:00:00Z');
            INSERT INTO suppressions (address, reason, source, created_at) VALUES
              ('anna@example.org', 'manual', 'api:1', '2026-01-05T00:00:00Z'),
              ('ivan@xn--80a1acny.xn--p1ai', 'hard_bounce', 'imap', '2026-01-05T00:00:00Z');
            """);
        var (imported, errors) = await rig.Services.GetRequiredService<ScenarioImporter>().ImportAsync(Scenario, 1, cancellationToken);
        Assert.That(imported, Is.Not.Null, string.Join("; ", errors.Select(e => e.Format("f"))));
        return rig;
    }

    private static async Task<HttpResponseMessage> SendAsync(ApiRig rig, HttpMethod method, string path, string? token, object? body, CancellationToken cancellationToken)
    {
        using var http = rig.Client();
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await http.SendAsync(request, cancellationToken);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement;

    private static string DealTab(ApiRig rig, long id = 70) => rig.UiToken(1, isAdmin: false, UiPlacement.DealTab, id);

    [Test]
    public async Task View_DealTab_NamesStatusesOpensClicksAndUnicodeDomains_FromTheMirrorOnly(CancellationToken cancellationToken)
    {
        await using var rig = await StartAsync(cancellationToken);
        using var response = await SendAsync(rig, HttpMethod.Get, "api/ui/tabs/deal/70", DealTab(rig), null, cancellationToken);
        var json = await JsonAsync(response, cancellationToken);
        var record = json.GetProperty("record");
        var messages = json.GetProperty("messages").EnumerateArray().ToList();
        string StatusOf(string recipient, string name) => messages.Single(m => m.GetProperty("recipient").GetString() == recipient && m.GetProperty("name").GetString() == name).GetProperty("status").GetString()!;
        var opened = messages.Single(m => m.GetProperty("name").GetString() == "november-sale");
        var ivan = json.GetProperty("contacts").EnumerateArray().Single(c => c.GetProperty("id").GetInt64() == 12);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(record.GetProperty("title").GetString(), Is.EqualTo("Winter boots"));
            Assert.That(record.GetProperty("stageName").GetString(), Is.EqualTo("Подготовка КП"));
            Assert.That(record.GetProperty("pipelineName").GetString(), Is.EqualTo("Опт"));
            Assert.That(record.GetProperty("responsibleName").GetString(), Is.EqualTo("Мария Соколова"));
            Assert.That(messages.Select(m => m.GetProperty("id").GetInt64()), Is.EqualTo(new long[] { 7, 6, 5, 4, 3, 2, 1 }), "newest first; portal B's message to its contact 7 is not here");
            Assert.That(StatusOf("anna@example.org", "november-sale"), Is.EqualTo("clicked"));
            Assert.That(StatusOf("anna@example.org", "order-follow-up"), Is.EqualTo("bounced_hard"));
            Assert.That(StatusOf("anna@example.org", "december-news"), Is.EqualTo("queued"));
            Assert.That(StatusOf("ANNA@example.org", "december-news"), Is.EqualTo("suppressed"));
            Assert.That(StatusOf("anna+c@example.org", "december-news"), Is.EqualTo("complained"));
            Assert.That(StatusOf("ivan@xn--80a1acny.xn--p1ai", "december-news"), Is.EqualTo("unsubscribed"));
            Assert.That(StatusOf("someone@example.net", "deal-offer"), Is.EqualTo("bounced_soft"), "the deal's own send key, to an address of no contact of it");
            Assert.That(messages.Single(m => m.GetProperty("name").GetString() == "order-follow-up").GetProperty("step").GetString(), Is.EqualTo("hello"));
            Assert.That(opened.GetProperty("openedAt").GetString(), Is.EqualTo("2026-01-01T02:00:00Z"), "the first human open");
            Assert.That(opened.GetProperty("clickedAt").GetString(), Is.EqualTo("2026-01-01T02:05:00Z"));
            Assert.That(opened.GetProperty("links")[0].GetProperty("url").GetString(), Is.EqualTo("https://shop.example/boots"));
            Assert.That(messages.Single(m => m.GetProperty("id").GetInt64() == 6).GetProperty("recipientDisplay").GetString(), Is.EqualTo("ivan@почта.рф"));
            Assert.That(ivan.GetProperty("addresses")[0].GetProperty("display").GetString(), Is.EqualTo("ivan@почта.рф"));
            Assert.That(ivan.GetProperty("addresses")[0].GetProperty("suppression").GetString(), Is.EqualTo("hard_bounce"));
            Assert.That(ivan.GetProperty("addresses")[0].GetProperty("liftable").GetBoolean(), Is.False);
        });
    }

    [Test]
    public async Task View_IsFastOnTheSeededStore(CancellationToken cancellationToken)
    {
        await using var rig = await StartAsync(cancellationToken);
        var token = DealTab(rig);
        (await SendAsync(rig, HttpMethod.Get, "api/ui/tabs/deal/70", token, null, cancellationToken)).Dispose();
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await SendAsync(rig, HttpMethod.Get, "api/ui/tabs/deal/70", token, null, cancellationToken);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        var median = times.Order().ElementAt(2);
        await TestContext.Out.WriteLineAsync($"tab view GET /api/ui/tabs/deal/70: median {median:F1} ms of 5 (max {times.Max():F1} ms), 7 messages, 2 contacts");
        Assert.That(median, Is.LessThan(300));
    }

    [Test]
    public async Task Auth_401WithoutToken_403ForAnotherRecordOrKind_TenantScoped(CancellationToken cancellationToken)
    {
        await using var rig = await StartAsync(cancellationToken);
        using var none = await SendAsync(rig, HttpMethod.Get, "api/ui/tabs/deal/70", null, null, cancellationToken);
        using var otherDeal = await SendAsync(rig, HttpMethod.Get, "api/ui/tabs/deal/70", DealTab(rig, 71), null, cancellationToken);
        using var contactToken = await SendAsync(rig, HttpMethod.Get, "api/ui/tabs/deal/70", rig.UiToken(1, false, UiPlacement.ContactTab, 70), null, cancellationToken);
        using var stopOther = await SendAsync(rig, HttpMethod.Post, "api/ui/tabs/deal/70/enrollments/1/stop", DealTab(rig, 71), null, cancellationToken);
        using var liftOther = await SendAsync(rig, HttpMethod.Delete, "api/ui/tabs/contact/7/suppressions/anna@example.org", rig.UiToken(1, false, UiPlacement.ContactTab, 12), null, cancellationToken);
        using var portalB = await SendAsync(rig, HttpMethod.Get, "api/ui/tabs/deal/70", rig.UiToken(2, true, UiPlacement.App), null, cancellationToken);
        using var portalBContact = await SendAsync(rig, HttpMethod.Get, "api/ui/tabs/contact/7", rig.UiToken(2, false, UiPlacement.ContactTab, 7), null, cancellationToken);
        using var liftFromB = await SendAsync(rig, HttpMethod.Delete, "api/ui/tabs/contact/7/suppressions/anna@example.org", rig.UiToken(2, false, UiPlacement.ContactTab, 7), null, cancellationToken);
        var b = await JsonAsync(portalB, cancellationToken);
        var bContact = await JsonAsync(portalBContact, cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(otherDeal.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await JsonAsync(otherDeal, cancellationToken)).GetProperty("field").GetString(), Is.EqualTo("id"));
            Assert.That(contactToken.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "a contact tab's token for id 70 is not deal 70's");
            Assert.That(stopOther.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(liftOther.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(portalB.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(b.GetProperty("record").GetProperty("synced").GetBoolean(), Is.False, "portal B's app page does not see portal A's deal");
            Assert.That(b.GetProperty("messages").GetArrayLength(), Is.EqualTo(0));
            Assert.That(bContact.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("name").GetString()), Is.EqualTo(new[] { "b-only" }), "portal B's contact 7 sees only its portal's message");
            Assert.That(liftFromB.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "portal B has no contact 7 address anna@example.org");
        });
        Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM suppressions WHERE address = 'anna@example.org'"), Is.EqualTo(1));
    }

    [Test]
    public async Task Enroll_ThenStop_ExitsAndDropsTheDueStep_SecondStop409_Unknown404(CancellationToken cancellationToken)
    {
        await using var rig = await StartAsync(cancellationToken);
        var token = rig.UiToken(1, false, UiPlacement.ContactTab, 7);
        using var enrolled = await SendAsync(rig, HttpMethod.Post, "api/ui/tabs/contact/7/enrollments", token, new { scenario = "nurture" }, cancellationToken);
        var id = (await JsonAsync(enrolled, cancellationToken)).GetProperty("id").GetInt64();
        using var view = await SendAsync(rig, HttpMethod.Get, "api/ui/tabs/contact/7", token, null, cancellationToken);
        var enrollment = (await JsonAsync(view, cancellationToken)).GetProperty("enrollments").EnumerateArray().Single(e => e.GetProperty("id").GetInt64() == id);
        using var onOtherCard = await SendAsync(rig, HttpMethod.Post, $"api/ui/tabs/contact/12/enrollments/{id}/stop", rig.UiToken(1, false, UiPlacement.ContactTab, 12), null, cancellationToken);
        using var stop = await SendAsync(rig, HttpMethod.Post, $"api/ui/tabs/contact/7/enrollments/{id}/stop", token, null, cancellationToken);
        var stopped = await JsonAsync(stop, cancellationToken);
        using var again = await SendAsync(rig, HttpMethod.Post, $"api/ui/tabs/contact/7/enrollments/{id}/stop", token, null, cancellationToken);
        using var unknownScenario = await SendAsync(rig, HttpMethod.Post, "api/ui/tabs/contact/7/enrollments", token, new { scenario = "nope" }, cancellationToken);
        using var badId = await SendAsync(rig, HttpMethod.Post, "api/ui/tabs/contact/7/enrollments/x/stop", token, null, cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That(enrolled.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(enrollment.GetProperty("scenario").GetString(), Is.EqualTo("nurture"));
            Assert.That(enrollment.GetProperty("state").GetString(), Is.EqualTo("active"));
            Assert.That(enrollment.GetProperty("step").GetString(), Is.AnyOf("pause", "hello"));
            Assert.That(enrollment.GetProperty("dueAt").GetString(), Is.Not.Null);
            Assert.That(enrollment.GetProperty("stoppable").GetBoolean(), Is.True);
            Assert.That(onOtherCard.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "contact 12's card does not show contact 7's enrollment");
            Assert.That(stop.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(stopped.GetProperty("state").GetString(), Is.EqualTo("exited"));
            Assert.That(stopped.GetProperty("exitReason").GetString(), Does.StartWith("stopped from the card by user 1"));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(unknownScenario.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That((await JsonAsync(unknownScenario, cancellationToken)).GetProperty("field").GetString(), Is.EqualTo("scenario"));
            Assert.That((await JsonAsync(badId, cancellationToken)).GetProperty("field").GetString(), Is.EqualTo("enrollment"));
        });
        Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM scenario_due WHERE enrollment_id = @Id", new { Id = id }), Is.Zero);
    }

    [Test]
    public async Task Lift_ManualSuppression204_HardBounceRefused409NamingTheAddress(CancellationToken cancellationToken)
    {
        await using var rig = await StartAsync(cancellationToken);
        var token = DealTab(rig);
        using var manual = await SendAsync(rig, HttpMethod.Delete, "api/ui/tabs/deal/70/suppressions/anna@example.org", token, null, cancellationToken);
        using var hard = await SendAsync(rig, HttpMethod.Delete, "api/ui/tabs/deal/70/suppressions/ivan@xn--80a1acny.xn--p1ai", token, null, cancellationToken);
        using var notOnCard = await SendAsync(rig, HttpMethod.Delete, "api/ui/tabs/deal/70/suppressions/someone@example.net", token, null, cancellationToken);
        var problem = await JsonAsync(hard, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(manual.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(hard.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(problem.GetProperty("field").GetString(), Is.EqualTo("address"));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("hard_bounce"));
            Assert.That(notOnCard.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
        Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM suppressions"), Is.EqualTo(1), "only the manual entry went");
    }

    [Test]
    public async Task PreviewAndSend_RenderForTheCardsContact_AndQueue_RefusalsNameTheField(CancellationToken cancellationToken)
    {
        await using var rig = await StartAsync(cancellationToken);
        var token = DealTab(rig);
        await rig.ExecuteAsync("DELETE FROM suppressions");
        using var choices = await SendAsync(rig, HttpMethod.Get, "api/ui/tabs/deal/70/choices", token, null, cancellationToken);
        using var preview = await SendAsync(rig, HttpMethod.Post, "api/ui/tabs/deal/70/preview", token, new { template = QueueRig.Template }, cancellationToken);
        using var previewIvan = await SendAsync(rig, HttpMethod.Post, "api/ui/tabs/deal/70/preview", token, new { template = QueueRig.Template, contactId = 12 }, cancellationToken);
        using var send = await SendAsync(rig, HttpMethod.Post, "api/ui/tabs/deal/70/send", token, new { template = QueueRig.Template }, cancellationToken);
        using var empty = await SendAsync(rig, HttpMethod.Post, "api/ui/tabs/deal/70/send", token, new { template = " " }, cancellationToken);
        using var unknown = await SendAsync(rig, HttpMethod.Post, "api/ui/tabs/deal/70/preview", token, new { template = "nope" }, cancellationToken);
        using var stranger = await SendAsync(rig, HttpMethod.Post, "api/ui/tabs/deal/70/send", token, new { template = QueueRig.Template, contactId = 9 }, cancellationToken);
        using var notJson = await SendAsync(rig, HttpMethod.Post, "api/ui/tabs/deal/70/send", token, "[", cancellationToken);
        using var badRecord = await SendAsync(rig, HttpMethod.Get, "api/ui/tabs/lead/70", rig.UiToken(1), null, cancellationToken);
        using var badId = await SendAsync(rig, HttpMethod.Get, "api/ui/tabs/deal/-1", rig.UiToken(1), null, cancellationToken);
        var shown = await JsonAsync(preview, cancellationToken);
        var sent = await JsonAsync(send, cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That((await JsonAsync(choices, cancellationToken)).GetProperty("scenarios").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "nurture" }));
            Assert.That(preview.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(shown.GetProperty("html").GetString(), Does.Contain("Hello Anna").And.Contain("Winter boots"));
            Assert.That(shown.GetProperty("recipient").GetString(), Is.EqualTo("anna@example.org"));
            Assert.That((await JsonAsync(previewIvan, cancellationToken)).GetProperty("recipientDisplay").GetString(), Is.EqualTo("ivan@почта.рф"));
            Assert.That(send.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(sent.GetProperty("status").GetString(), Is.EqualTo("queued"));
            Assert.That((await JsonAsync(empty, cancellationToken)).GetProperty("field").GetString(), Is.EqualTo("template"));
            Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That((await JsonAsync(unknown, cancellationToken)).GetProperty("field").GetString(), Is.EqualTo("template"));
            Assert.That((await JsonAsync(stranger, cancellationToken)).GetProperty("field").GetString(), Is.EqualTo("contactId"));
            Assert.That(notJson.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await JsonAsync(badRecord, cancellationToken)).GetProperty("field").GetString(), Is.EqualTo("record"));
            Assert.That((await JsonAsync(badId, cancellationToken)).GetProperty("field").GetString(), Is.EqualTo("id"));
        });
        Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM send_keys k JOIN send_ledger l ON l.send_key = k.send_key WHERE k.send_key LIKE 'card:1:%' AND k.deal_id = 70 AND l.contact_id = 7"),
            Is.EqualTo(1));
        Assert.That(rig.ErrorsWithExceptions, Is.Empty);
    }
}
