using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Scenarios;
using Connector.Templates;
using Connector.Tests.Api;
using Connector.Web.UiSession;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Scenarios;

/// <summary>
/// <c>/api/ui/scenarios*</c> as serve maps them: the list with counts, save through the import's own checks (the same
/// messages, each at its step path and field), a new version on editing, pause/resume, dry run, the funnel, and every
/// route scoped to the caller's portal and refused without a session or with a card tab's.
/// </summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class ScenariosUiTests
{
    private const string Proposal = """
        {
          "name": "proposal-follow-up",
          "trigger": { "type": "deal_entered_stage", "pipeline": 0, "stage": "PREPARATION" },
          "max_lateness": "1d",
          "re_entry": "once",
          "exit": { "won": true, "lost": true, "left_pipeline": true },
          "steps": [
            { "id": "offer", "send": { "template": "proposal", "kind": "marketing" } },
            { "id": "wait-2d", "wait": { "for": "2d" } },
            { "id": "opened-offer", "condition": { "opened": "offer" }, "then": "done", "else": "reminder" },
            { "id": "reminder", "send": { "template": "proposal-reminder" } },
            { "id": "done", "exit": true }
          ]
        }
        """;

    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    [Test]
    public async Task Create_TheProposalFollowUp_ThenTheListShowsItsCounts_OnlyToItsPortal()
    {
        await using var rig = await StartAsync();
        using var a = Client(rig, rig.UiToken(1, isAdmin: false));
        using var b = Client(rig, rig.UiToken(2));

        using var created = await a.PostAsJsonAsync("api/ui/scenarios", new { document = JsonNode.Parse(Proposal) }, Token);
        var saved = await JsonAsync(created);
        var id = saved.GetProperty("id").GetInt64();
        await SeedEnrollmentAsync(rig, id, 1, "active", "wait-2d");
        await SeedEnrollmentAsync(rig, id, 2, "active", "reminder");
        await SeedEnrollmentAsync(rig, id, 3, "completed", "reminder");
        await SeedEnrollmentAsync(rig, id, 4, "exited", "wait-2d", "won");
        var list = await JsonAsync(await a.GetAsync("api/ui/scenarios", Token));
        var other = await JsonAsync(await b.GetAsync("api/ui/scenarios", Token));
        using var foreign = await b.GetAsync($"api/ui/scenarios/{id}", Token);
        using var foreignPause = await b.PostAsync($"api/ui/scenarios/{id}/pause", null, Token);
        using var foreignSave = await b.PutAsJsonAsync($"api/ui/scenarios/{id}", new { document = JsonNode.Parse(Proposal) }, Token);
        var detail = await JsonAsync(await a.GetAsync($"api/ui/scenarios/{id}", Token));

        Assert.Multiple(() =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That((saved.GetProperty("version").GetInt64(), saved.GetProperty("newScenario").GetBoolean()), Is.EqualTo((1L, true)));
            Assert.That(list.GetArrayLength(), Is.EqualTo(1));
            var item = list[0];
            Assert.That(item.GetProperty("name").GetString(), Is.EqualTo("proposal-follow-up"));
            Assert.That(item.GetProperty("state").GetString(), Is.EqualTo("active"));
            Assert.That(item.GetProperty("trigger").GetString(), Is.EqualTo("deal_entered_stage"));
            Assert.That(new[] { "enrolled", "waiting", "completed", "exited" }.Select(k => item.GetProperty(k).GetInt64()), Is.EqualTo(new long[] { 4, 2, 1, 1 }));
            Assert.That(other.GetArrayLength(), Is.Zero, "portal B sees none of A's scenarios");
            Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(foreignPause.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(foreignSave.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(detail.GetProperty("document").GetProperty("steps")[2].GetProperty("else").GetString(), Is.EqualTo("reminder"));
            Assert.That(detail.GetProperty("versions").GetArrayLength(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Save_AnInvalidStep_Is400NamingTheStepPathAndField_WithTheFileImportsOwnMessages()
    {
        await using var rig = await StartAsync();
        using var a = Client(rig, rig.UiToken(1));
        var id = (await JsonAsync(await a.PostAsJsonAsync("api/ui/scenarios", new { document = JsonNode.Parse(Proposal) }, Token))).GetProperty("id").GetInt64();
        var broken = JsonNode.Parse(Proposal)!;
        broken["steps"]![1]!["wait"]!["for"] = "0s";
        broken["steps"]![3]!["send"]!["template"] = "no-such-template";
        broken["trigger"]!["stage"] = "PROPOSAL";
        const string SameAsFile = """
            name: proposal-follow-up
            trigger: { type: deal_entered_stage, pipeline: 0, stage: PROPOSAL }
            steps:
              - id: offer
                send: { template: proposal, kind: marketing }
              - id: wait-2d
                wait: { for: 0s }
              - id: opened-offer
                condition: { opened: offer }
                then: done
                else: reminder
              - id: reminder
                send: { template: no-such-template }
              - id: done
                exit: true
            """;

        using var answer = await a.PutAsJsonAsync($"api/ui/scenarios/{id}", new { document = broken }, Token);
        var problem = await JsonAsync(answer);
        var (_, fileErrors) = await rig.Services.GetRequiredService<ScenarioImporter>().CheckAsync(SameAsFile, 1, Token);
        var problems = problem.GetProperty("problems").EnumerateArray()
            .Select(p => (Field: p.GetProperty("field").GetString(), Step: p.GetProperty("step").ValueKind == JsonValueKind.Null ? null : p.GetProperty("step").GetString(), Message: p.GetProperty("message").GetString()))
            .ToList();
        using var textAnswer = await a.PostAsJsonAsync("api/ui/scenarios/check", new { source = SameAsFile }, Token);
        var textProblem = await JsonAsync(textAnswer);
        var stored = await JsonAsync(await a.GetAsync($"api/ui/scenarios/{id}", Token));

        Assert.Multiple(() =>
        {
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(problem.GetProperty("field").GetString(), Is.EqualTo("trigger.stage"));
            Assert.That(problems, Does.Contain(("steps[1].wait.for", (string?)"wait-2d", "a wait must be longer than zero")));
            Assert.That(problems, Does.Contain(("steps[3].send.template", (string?)"reminder", "step 'reminder': template 'no-such-template' is not stored")));
            Assert.That(problems.Select(p => p.Message), Is.EquivalentTo(fileErrors.Select(e => e.Message)), "the editor's errors are the file import's");
            Assert.That(problem.GetProperty("errors").GetProperty("steps[3].send.template")[0].GetString(), Is.EqualTo("step 'reminder': template 'no-such-template' is not stored"));
            Assert.That(textAnswer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(textProblem.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("line").GetInt32()), Is.EquivalentTo(fileErrors.Select(e => e.Line)));
            Assert.That(stored.GetProperty("scenario").GetProperty("version").GetInt64(), Is.EqualTo(1), "nothing stored");
        });
    }

    [Test]
    public async Task Save_GraphAndKindErrors_CarryTheirStep()
    {
        await using var rig = await StartAsync();
        using var a = Client(rig, rig.UiToken(1));
        var doc = JsonNode.Parse(Proposal)!;
        doc["steps"]![2]!["then"] = "nowhere";
        ((JsonArray)doc["steps"]!).Add(new JsonObject { ["id"] = "lonely", ["exit"] = true });
        ((JsonArray)doc["steps"]!).Add(new JsonObject { ["id"] = "both", ["send"] = "proposal", ["wait"] = "1d" });

        var problem = await JsonAsync(await a.PostAsJsonAsync("api/ui/scenarios", new { document = doc }, Token));
        var fields = problem.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("field").GetString()).ToList();

        Assert.That(fields, Does.Contain("steps[6]"), "a step doing two things");
        var (_, errors) = await rig.Services.GetRequiredService<ScenarioImporter>().CheckAsync(doc.ToJsonString(), 1, Token);
        Assert.That(errors.Select(e => e.Path), Has.None.Null, "every error of this file names its path");
    }

    [Test]
    public async Task Save_EditingAnActiveScenario_MakesANewVersion_UnchangedIsSaid_RenameRefused()
    {
        await using var rig = await StartAsync();
        using var a = Client(rig, rig.UiToken(1));
        var id = (await JsonAsync(await a.PostAsJsonAsync("api/ui/scenarios", new { document = JsonNode.Parse(Proposal) }, Token))).GetProperty("id").GetInt64();
        var edited = JsonNode.Parse(Proposal)!;
        edited["steps"]![1]!["wait"]!["for"] = "3d";
        var renamed = JsonNode.Parse(Proposal)!;
        renamed["name"] = "other-name";

        var second = await JsonAsync(await a.PutAsJsonAsync($"api/ui/scenarios/{id}", new { document = edited }, Token));
        var same = await JsonAsync(await a.PutAsJsonAsync($"api/ui/scenarios/{id}", new { document = edited }, Token));
        using var rename = await a.PutAsJsonAsync($"api/ui/scenarios/{id}", new { document = renamed }, Token);
        using var taken = await a.PostAsJsonAsync("api/ui/scenarios", new { document = JsonNode.Parse(Proposal) }, Token);
        var detail = await JsonAsync(await a.GetAsync($"api/ui/scenarios/{id}?version=1", Token));

        Assert.Multiple(async () =>
        {
            Assert.That((second.GetProperty("version").GetInt64(), second.GetProperty("newVersion").GetBoolean()), Is.EqualTo((2L, true)));
            Assert.That((same.GetProperty("version").GetInt64(), same.GetProperty("newVersion").GetBoolean()), Is.EqualTo((2L, false)));
            Assert.That(rename.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await JsonAsync(rename)).GetProperty("field").GetString(), Is.EqualTo("name"));
            Assert.That(taken.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(detail.GetProperty("shownVersion").GetInt64(), Is.EqualTo(1));
            Assert.That(detail.GetProperty("document").GetProperty("steps")[1].GetProperty("wait").GetProperty("for").GetString(), Is.EqualTo("2d"));
            Assert.That(detail.GetProperty("versions").EnumerateArray().Select(v => v.GetInt64()), Is.EqualTo(new long[] { 1, 2 }));
        });
    }

    [Test]
    public async Task PauseAndResume_FollowTheCliRules()
    {
        await using var rig = await StartAsync();
        using var a = Client(rig, rig.UiToken(1));
        var id = (await JsonAsync(await a.PostAsJsonAsync("api/ui/scenarios", new { document = JsonNode.Parse(Proposal) }, Token))).GetProperty("id").GetInt64();

        var paused = await JsonAsync(await a.PostAsync($"api/ui/scenarios/{id}/pause", null, Token));
        using var again = await a.PostAsync($"api/ui/scenarios/{id}/pause", null, Token);
        var againProblem = await JsonAsync(again);
        var resumed = await JsonAsync(await a.PostAsync($"api/ui/scenarios/{id}/resume", null, Token));

        Assert.Multiple(() =>
        {
            Assert.That(paused.GetProperty("state").GetString(), Is.EqualTo("paused"));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(againProblem.GetProperty("detail").GetString(), Is.EqualTo($"pause: scenario {id} is paused"));
            Assert.That(resumed.GetProperty("state").GetString(), Is.EqualTo("active"));
        });
    }

    [Test]
    public async Task DryRun_SaysWhoWouldEnter_WithTheDealsTitle_EnteringNoOne()
    {
        await using var rig = await StartAsync();
        using var a = Client(rig, rig.UiToken(1));
        var id = (await JsonAsync(await a.PostAsJsonAsync("api/ui/scenarios", new { document = JsonNode.Parse(Proposal) }, Token))).GetProperty("id").GetInt64();
        await rig.SeedContactAsync(1, 70, "Anna", "Petrova", [("anna@example.com", true)]);
        await rig.SeedDealAsync(1, 700, "Offer for Anna", 70);
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        await rig.ExecuteAsync("""
            INSERT INTO stage_transitions (portal_id, deal_id, from_stage, to_stage, from_pipeline, to_pipeline, occurred_at, detected_at, detected_by)
            VALUES (1, 700, 'NEW', 'PREPARATION', 0, 0, @Now, @Now, 'event')
            """, new { Now = now });

        var run = await JsonAsync(await a.PostAsync($"api/ui/scenarios/{id}/dry-run", null, Token));

        Assert.Multiple(async () =>
        {
            Assert.That(run.GetProperty("wouldEnter").GetInt32(), Is.EqualTo(1));
            Assert.That(run.GetProperty("sample")[0].GetProperty("dealTitle").GetString(), Is.EqualTo("Offer for Anna"));
            Assert.That(run.GetProperty("sample")[0].GetProperty("contactName").GetString(), Is.EqualTo("Anna Petrova"));
            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM scenario_enrollments"), Is.Zero);
        });
    }

    [Test]
    public async Task Funnel_CountsEachStepFromTheStore()
    {
        await using var rig = await StartAsync();
        using var a = Client(rig, rig.UiToken(1));
        var id = (await JsonAsync(await a.PostAsJsonAsync("api/ui/scenarios", new { document = JsonNode.Parse(Proposal) }, Token))).GetProperty("id").GetInt64();
        // 1 waits two days after its offer; 2 opened and clicked its offer and ended at done; 3 got the reminder;
        // 4 was won while waiting.
        var e1 = await SeedEnrollmentAsync(rig, id, 1, "active", "wait-2d");
        var e2 = await SeedEnrollmentAsync(rig, id, 2, "exited", "done", "exit_step");
        var e3 = await SeedEnrollmentAsync(rig, id, 3, "completed", "reminder");
        var e4 = await SeedEnrollmentAsync(rig, id, 4, "exited", "wait-2d", "won");
        await rig.ExecuteAsync("INSERT INTO scenario_due (enrollment_id, scenario_id, step, due_at) VALUES (@E, @S, 'wait-2d', '2030-01-01T00:00:00Z')", new { E = e1, S = id });
        foreach (var (enrollment, step, hits) in new[] { (e1, "offer", ""), (e2, "offer", "open,click"), (e3, "offer", ""), (e3, "reminder", "open"), (e4, "offer", "") })
        {
            await SeedSendAsync(rig, enrollment, step, hits);
        }

        var funnel = await JsonAsync(await a.GetAsync($"api/ui/scenarios/{id}/funnel", Token));
        var rows = funnel.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("step").GetString()!, s =>
            new[] { "entered", "waiting", "sent", "opened", "clicked", "exited", "completed" }.Select(k => s.GetProperty(k).GetInt64()).ToArray());

        Assert.Multiple(() =>
        {
            Assert.That(rows["offer"], Is.EqualTo(new long[] { 4, 0, 4, 1, 1, 0, 0 }));
            Assert.That(rows["wait-2d"], Is.EqualTo(new long[] { 4, 1, 0, 0, 0, 1, 0 }));
            Assert.That(rows["opened-offer"], Is.EqualTo(new long[] { 2, 0, 0, 0, 0, 0, 0 }));
            Assert.That(rows["reminder"], Is.EqualTo(new long[] { 1, 0, 1, 1, 0, 0, 1 }));
            Assert.That(rows["done"], Is.EqualTo(new long[] { 1, 0, 0, 0, 0, 1, 0 }));
        });
    }

    [Test]
    public async Task Routes_RefuseWithoutASession_AndACardTabsSession()
    {
        await using var rig = await StartAsync();
        using var none = Client(rig, null);
        using var tab = Client(rig, rig.UiToken(1, placement: UiPlacement.DealTab, entityId: 5));
        using var forged = Client(rig, rig.UiToken(1)[..^4] + "AAAA");

        var answers = new List<HttpResponseMessage>
        {
            await none.GetAsync("api/ui/scenarios", Token),
            await forged.GetAsync("api/ui/scenarios", Token),
            await tab.GetAsync("api/ui/scenarios", Token),
            await tab.PostAsJsonAsync("api/ui/scenarios", new { document = JsonNode.Parse(Proposal) }, Token),
            await tab.PostAsync("api/ui/scenarios/1/pause", null, Token),
            await tab.GetAsync("api/ui/scenarios/lookups", Token),
        };

        Assert.That(answers.Select(r => r.StatusCode), Is.EqualTo(new[]
        {
            HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden,
        }));
        answers.ForEach(r => r.Dispose());
    }

    [Test]
    public async Task Lookups_OfferThePortalsPipelinesByName_AndTheStoredTemplates()
    {
        await using var rig = await StartAsync();
        using var a = Client(rig, rig.UiToken(1));
        using var b = Client(rig, rig.UiToken(2));

        var mine = await JsonAsync(await a.GetAsync("api/ui/scenarios/lookups", Token));
        var theirs = await JsonAsync(await b.GetAsync("api/ui/scenarios/lookups", Token));

        Assert.Multiple(() =>
        {
            var pipeline = mine.GetProperty("pipelines")[0];
            Assert.That(pipeline.GetProperty("name").GetString(), Is.EqualTo("Продажи"));
            Assert.That(pipeline.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("name").GetString()), Is.EqualTo(new[] { "Новая", "Предложение", "Выиграна", "Проиграна" }));
            Assert.That(mine.GetProperty("templates").EnumerateArray().Select(t => t.GetString()), Is.SupersetOf(new[] { "proposal", "proposal-reminder" }));
            Assert.That(theirs.GetProperty("pipelines")[0].GetProperty("name").GetString(), Is.EqualTo("B sales"));
            Assert.That(mine.GetProperty("rfmSegments").EnumerateArray().Select(s => s.GetString()), Does.Contain("at_risk"));
        });
    }

    [Test]
    public async Task OpenApi_DescribesTheScenarioRoutes_WithTheirSummaries()
    {
        await using var rig = await StartAsync();
        var (_, key) = await rig.CreateKeyAsync(1);
        using var client = rig.Client(key);

        var document = JsonNode.Parse(await client.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative), Token))!;
        var paths = document["paths"]!.AsObject();

        Assert.Multiple(() =>
        {
            Assert.That(paths.Select(p => p.Key), Is.SupersetOf(new[]
            {
                "/api/ui/scenarios", "/api/ui/scenarios/lookups", "/api/ui/scenarios/check", "/api/ui/scenarios/{id}", "/api/ui/scenarios/{id}/pause",
                "/api/ui/scenarios/{id}/resume", "/api/ui/scenarios/{id}/dry-run", "/api/ui/scenarios/{id}/funnel",
            }));
            Assert.That(paths["/api/ui/scenarios/{id}"]!["put"]!["summary"]!.GetValue<string>(), Does.Contain("new version"));
            Assert.That(paths["/api/ui/scenarios"]!["post"]!["security"]!.ToJsonString(), Does.Contain("ui-session"));
        });
    }

    private static async Task<ApiRig> StartAsync()
    {
        var rig = await ApiRig.StartAsync(Token, new Dictionary<string, string?> { ["Scenarios:Enabled"] = "false" });
        await rig.ExecuteAsync("""
            INSERT INTO pipelines (portal_id, crm_id, name, sort, is_default) VALUES (1, 0, 'Продажи', 10, 1), (2, 0, 'B sales', 10, 1);
            INSERT INTO stages (portal_id, stage_id, pipeline_id, name, sort, semantic) VALUES
              (1, 'NEW', 0, 'Новая', 10, 'P'), (1, 'PREPARATION', 0, 'Предложение', 20, 'P'), (1, 'WON', 0, 'Выиграна', 30, 'S'), (1, 'LOSE', 0, 'Проиграна', 40, 'F'),
              (2, 'NEW', 0, 'New', 10, 'P');
            """);
        foreach (var name in new[] { "proposal", "proposal-reminder" })
        {
            await rig.SaveTemplateAsync(TemplateFileReader.Read(await File.ReadAllTextAsync(ScenarioRig.Manifest(Path.Combine("templates", $"{name}.yaml")), Token), $"{name}.yaml"));
        }

        return rig;
    }

    private static HttpClient Client(ApiRig rig, string? token) => rig.Client(token);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Token);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<long> SeedEnrollmentAsync(ApiRig rig, long scenario, long deal, string state, string step, string? reason = null)
    {
        await rig.ExecuteAsync("""
            INSERT INTO scenario_enrollments (scenario_id, version, portal_id, subject_kind, subject_id, contact_id, deal_id, entry_key, state, exit_reason, step, entered_at, created_at, updated_at)
            VALUES (@Scenario, 1, 1, 'deal', @Deal, @Deal, @Deal, 'once', @State, @Reason, @Step, '2026-12-01T09:00:00Z', '2026-12-01T09:00:00Z', '2026-12-01T09:00:00Z')
            """, new { Scenario = scenario, Deal = deal, State = state, Reason = reason, Step = step });
        return await rig.CountAsync("SELECT MAX(id) FROM scenario_enrollments");
    }

    private static async Task SeedSendAsync(ApiRig rig, long enrollment, string step, string hits)
    {
        var key = $"step:{step}:enrollment:{enrollment}";
        await rig.ExecuteAsync("""
            INSERT INTO send_ledger (send_key, recipient, contact_id, state, due_at, next_attempt_at, created_at, updated_at, sender_domain)
            VALUES (@Key, 'c@example.com', @Enrollment, 'sent', '2026-12-01T09:00:00Z', '2026-12-01T09:00:00Z', '2026-12-01T09:00:00Z', '2026-12-01T09:00:01Z', 'example.com')
            """, new { Key = key, Enrollment = enrollment });
        var ledger = await rig.CountAsync("SELECT MAX(id) FROM send_ledger");
        await rig.ExecuteAsync("INSERT INTO scenario_sends (enrollment_id, step, send_key, ledger_id, at) VALUES (@Enrollment, @Step, @Key, @Ledger, '2026-12-01T09:00:00Z')",
            new { Enrollment = enrollment, Step = step, Key = key, Ledger = ledger });
        foreach (var kind in hits.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            await rig.ExecuteAsync("INSERT INTO engagement_hits (ledger_id, contact_id, kind, at, machine) VALUES (@Ledger, @Enrollment, @Kind, '2026-12-01T10:00:00Z', 0)",
                new { Ledger = ledger, Enrollment = enrollment, Kind = kind });
        }
    }
}
