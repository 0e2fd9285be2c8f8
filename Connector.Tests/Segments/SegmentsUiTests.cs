using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Segments;
using Connector.Tests.Api;
using Connector.Tests.Reports;
using Connector.Web.UiSession;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Segments;

/// <summary>
/// The Segments page's <c>/api/ui</c> routes on serve's composition (<see cref="ApiRig"/>) over <see cref="SampleMirror"/>
/// (portal 1, and the decoy portal 2): the same counts and CSV as the CLI, saved segments per portal, 400 naming the column.
/// </summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class SegmentsUiTests
{
    private ApiRig _rig = null!;

    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    [SetUp]
    public async Task StartAsync()
    {
        _rig = await ApiRig.StartAsync(Token, new Dictionary<string, string?> { ["Sending:Runner:Enabled"] = "false", ["Rfm:Enabled"] = "false" });
        await using var connection = new SqliteConnection($"Data Source={_rig.StorePath};Pooling=False");
        await connection.OpenAsync(Token);
        // The sample mirror replaces the rig's portals: nothing may refer to them first.
        await connection.ExecuteAsync("DELETE FROM rfm_moves; DELETE FROM rfm_scores; DELETE FROM rfm_runs;");
        MirrorModelWriter.Write(connection, SampleMirror.Model);
        await connection.ExecuteAsync("INSERT INTO contacts (portal_id, crm_id, name, last_name, synced_at) VALUES (1, 7, '=HYPERLINK(\"http://x\")', '+1-2', '')");
    }

    [TearDown]
    public async Task StopAsync() => await _rig.DisposeAsync();

    [TestCase("deal.pipeline = 1 or opened")]
    [TestCase("never opened")]
    [TestCase("contact.custom.UF_CRM_CITY = \"Казань\" or contact.email contains \"@corp\"")]
    [TestCase("deal.amount > 50 and not hard bounced")]
    public async Task Count_IsTheCliCount_ForEachPortal(string expression)
    {
        foreach (var portal in new[] { 1L, 2L })
        {
            using var http = _rig.Client(_rig.UiToken(portal, isAdmin: false));
            using var answer = await http.PostAsJsonAsync("api/ui/segments/count", new { expression }, Token);
            var json = await answer.Content.ReadFromJsonAsync<JsonElement>(Token);
            var (code, cli, error) = await ReportCli.RunAsync(_rig.StorePath, "segment", "count", expression, "--portal", $"portal-{portal}");

            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.ToString());
            Assert.That(code, Is.Zero, error);
            Assert.That(json.GetProperty("count").GetInt64(), Is.EqualTo(long.Parse(cli.Trim(), System.Globalization.CultureInfo.InvariantCulture)), $"portal {portal}");
        }
    }

    [TestCase("contact.name = ", 16)]
    [TestCase("deal.amount > \"abc\"", 15)]
    [TestCase("contact.nmae = \"x\"", 1)]
    public async Task Count_BadExpression_Is400NamingTheFieldAndColumn(string expression, int column)
    {
        using var http = _rig.Client(_rig.UiToken(1));
        using var answer = await http.PostAsJsonAsync("api/ui/segments/count", new { expression }, Token);
        var json = await answer.Content.ReadFromJsonAsync<JsonElement>(Token);
        using var notJson = await http.PostAsync("api/ui/segments/count", new StringContent("{oops", System.Text.Encoding.UTF8, "application/json"), Token);
        using var wrongType = await http.PostAsJsonAsync("api/ui/segments/count", new { expression = 5 }, Token);

        Assert.Multiple(async () =>
        {
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(json.GetProperty("field").GetString(), Is.EqualTo("expression"));
            Assert.That(json.GetProperty("column").GetInt32(), Is.EqualTo(column));
            Assert.That(json.GetProperty("detail").GetString(), Does.StartWith($"column {column}: "));
            Assert.That(notJson.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(wrongType.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await wrongType.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("field").GetString(), Is.EqualTo("expression"));
            Assert.That(_rig.ErrorsWithExceptions.Where(l => l.Contains("Microsoft.AspNetCore", StringComparison.Ordinal)), Is.Empty, "no request failed with an exception");
        });
    }

    [Test]
    public async Task Routes_NeedTheAppPagesToken_ExportNeedsAnAdmin()
    {
        using var none = _rig.Client();
        using var tab = _rig.Client(_rig.UiToken(1, placement: UiPlacement.DealTab, entityId: 10));
        using var manager = _rig.Client(_rig.UiToken(1, isAdmin: false));
        using var noToken = await none.GetAsync("api/ui/segments", Token);
        using var fromTab = await tab.PostAsJsonAsync("api/ui/segments/count", new { expression = "opened" }, Token);
        using var managerCount = await manager.PostAsJsonAsync("api/ui/segments/count", new { expression = "opened" }, Token);
        using var managerExport = await manager.PostAsJsonAsync("api/ui/segments/export", new { expression = "opened" }, Token);

        Assert.Multiple(() =>
        {
            Assert.That(noToken.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(fromTab.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(managerCount.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(managerExport.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        });
    }

    [Test]
    public async Task Export_IsTheCliCsv_FormulasNeutralised()
    {
        using var http = _rig.Client(_rig.UiToken(1));
        using var answer = await http.PostAsJsonAsync("api/ui/segments/export", new { expression = "contact.id >= 4" }, Token);
        var csv = await answer.Content.ReadAsStringAsync(Token);
        var (code, cli, error) = await ReportCli.RunAsync(_rig.StorePath, "segment", "export", "contact.id >= 4", "--portal", "portal-1");
        using var bad = await http.PostAsJsonAsync("api/ui/segments/export", new { expression = "contact.id >=" }, Token);

        Assert.Multiple(() =>
        {
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(answer.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
            Assert.That(answer.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
            Assert.That(code, Is.Zero, error);
            Assert.That(csv, Is.EqualTo(cli));
            Assert.That(csv, Does.Contain("7,\"'=HYPERLINK(\"\"http://x\"\")\",,'+1-2,"));
            Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    [Test]
    public async Task SavedSegments_CreateListEditRenameDelete_PerPortal()
    {
        using var a = _rig.Client(_rig.UiToken(1, isAdmin: false));
        using var b = _rig.Client(_rig.UiToken(2, isAdmin: false));
        using var created = await a.PostAsJsonAsync("api/ui/segments", new { name = "vip", expression = "deal.stage = \"WON\"" }, Token);
        using var twice = await a.PostAsJsonAsync("api/ui/segments", new { name = "VIP", expression = "opened" }, Token);
        using var takenByOther = await b.PostAsJsonAsync("api/ui/segments", new { name = "vip", expression = "opened" }, Token);
        using var badName = await a.PostAsJsonAsync("api/ui/segments", new { name = "a\tb", expression = "opened" }, Token);
        using var badExpression = await a.PostAsJsonAsync("api/ui/segments", new { name = "x", expression = "opened and" }, Token);
        using var user = await a.PostAsJsonAsync("api/ui/segments", new { name = "vip-openers", expression = "segment \"vip\" and opened" }, Token);
        var listA = await a.GetFromJsonAsync<JsonElement>("api/ui/segments", Token);
        var listB = await b.GetFromJsonAsync<JsonElement>("api/ui/segments", Token);
        using var otherEdits = await b.PutAsJsonAsync("api/ui/segments/vip", new { expression = "opened" }, Token);
        using var otherDeletes = await b.DeleteAsync("api/ui/segments/vip", Token);
        using var otherCounts = await b.PostAsJsonAsync("api/ui/segments/count", new { name = "vip" }, Token);
        using var otherReferences = await b.PostAsJsonAsync("api/ui/segments/count", new { expression = "segment \"vip\"" }, Token);
        using var edited = await a.PutAsJsonAsync("api/ui/segments/vip", new { expression = "deal.pipeline = 1" }, Token);
        var countByName = await (await a.PostAsJsonAsync("api/ui/segments/count", new { name = "vip" }, Token)).Content.ReadFromJsonAsync<JsonElement>(Token);
        using var renameUsed = await a.PutAsJsonAsync("api/ui/segments/vip", new { name = "gold" }, Token);
        using var deleteUsed = await a.DeleteAsync("api/ui/segments/vip", Token);
        using var deleteUser = await a.DeleteAsync("api/ui/segments/vip-openers", Token);
        using var renamed = await a.PutAsJsonAsync("api/ui/segments/vip", new { name = "gold" }, Token);
        var afterRename = await a.GetFromJsonAsync<JsonElement>("api/ui/segments", Token);
        using var deleted = await a.DeleteAsync("api/ui/segments/gold", Token);
        using var deletedAgain = await a.DeleteAsync("api/ui/segments/gold", Token);
        var afterDelete = await a.GetFromJsonAsync<JsonElement>("api/ui/segments", Token);

        Assert.Multiple(async () =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(twice.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(takenByOther.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "names are unique in the installation");
            Assert.That((await badName.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("field").GetString(), Is.EqualTo("name"));
            var expressionProblem = await badExpression.Content.ReadFromJsonAsync<JsonElement>(Token);
            Assert.That(expressionProblem.GetProperty("field").GetString(), Is.EqualTo("expression"));
            Assert.That(expressionProblem.GetProperty("column").GetInt32(), Is.EqualTo(11));
            Assert.That(user.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(listA.EnumerateArray().Select(s => s.GetProperty("name").GetString()), Is.EqualTo(new[] { "vip", "vip-openers" }));
            Assert.That(listA[0].GetProperty("shared").GetBoolean(), Is.False);
            Assert.That(listB.GetArrayLength(), Is.Zero, "portal 2 sees none of portal 1's segments");
            Assert.That(otherEdits.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(otherDeletes.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(otherCounts.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(otherReferences.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a reference to another portal's segment is unknown");
            Assert.That((await edited.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("version").GetInt64(), Is.EqualTo(2));
            Assert.That(countByName.GetProperty("count").GetInt64(), Is.EqualTo(2), "the newest version: pipeline 1 holds contacts 1 and 2");
            Assert.That(renameUsed.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That((await renameUsed.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("detail").GetString(), Does.Contain("vip-openers"));
            Assert.That(deleteUsed.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(deleteUser.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(renamed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(afterRename.EnumerateArray().Select(s => (s.GetProperty("name").GetString(), s.GetProperty("version").GetInt64())), Is.EqualTo(new[] { ("gold", 2L) }));
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(deletedAgain.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(afterDelete.GetArrayLength(), Is.Zero);
        });
    }

    [Test]
    public async Task CliSegments_AreSharedReadOnly_AndCliSeesThePortals()
    {
        var (code, _, error) = await ReportCli.RunAsync(_rig.StorePath, "segment", "save", "ops", "opened");
        using var a = _rig.Client(_rig.UiToken(1));
        using var b = _rig.Client(_rig.UiToken(2));
        await a.PostAsJsonAsync("api/ui/segments", new { name = "mine", expression = "segment \"ops\" and clicked" }, Token);
        var listB = await b.GetFromJsonAsync<JsonElement>("api/ui/segments", Token);
        using var edit = await a.PutAsJsonAsync("api/ui/segments/ops", new { expression = "clicked" }, Token);
        using var delete = await a.DeleteAsync("api/ui/segments/ops", Token);
        var (cliCode, cliList, _) = await ReportCli.RunAsync(_rig.StorePath, "segment", "list");
        var (newVersion, _, _) = await ReportCli.RunAsync(_rig.StorePath, "segment", "save", "mine", "clicked");
        var owner = await _rig.CountAsync("SELECT portal_id FROM segments WHERE name = 'mine' AND version = 2");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error);
            Assert.That(listB.EnumerateArray().Select(s => (s.GetProperty("name").GetString(), s.GetProperty("shared").GetBoolean())), Is.EqualTo(new[] { ("ops", true) }));
            Assert.That(edit.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(cliCode, Is.Zero);
            Assert.That(cliList, Does.Contain("mine\tv1").And.Contain("ops\tv1"));
            Assert.That(newVersion, Is.Zero);
            Assert.That(owner, Is.EqualTo(1), "a version the CLI adds keeps the portal's ownership");
        });
    }

    [Test]
    public async Task Fields_ListTheWhitelistWithOperators_AndThePortalsCustomFields()
    {
        using var http = _rig.Client(_rig.UiToken(1));
        var json = await http.GetFromJsonAsync<JsonElement>("api/ui/segments/fields", Token);
        var fields = json.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f);

        Assert.Multiple(() =>
        {
            Assert.That(fields.Keys, Is.SupersetOf(SegmentFields.All.Select(f => f.Name)));
            Assert.That(fields.Keys, Is.SupersetOf(new[] { "contact.custom.UF_CRM_CITY", "contact.custom.UF_CRM_TAGS", "deal.custom.UF_CRM_SRC" }));
            Assert.That(fields["deal.amount"].GetProperty("type").GetString(), Is.EqualTo("number"));
            Assert.That(fields["contact.created"].GetProperty("operators").EnumerateArray().Select(o => o.GetString()), Is.EqualTo(new[] { "<", "<=", ">", ">=", "is empty", "is not empty" }));
            Assert.That(fields["contact.name"].GetProperty("operators").EnumerateArray().Select(o => o.GetString()), Does.Contain("starts with").And.Contain("not in"));
            Assert.That(fields["contact.email"].GetProperty("list").GetBoolean(), Is.True);
            Assert.That(fields["contact.custom.UF_CRM_CITY"].GetProperty("custom").GetBoolean(), Is.True);
            Assert.That(fields["rfm.segment"].GetProperty("values").EnumerateArray().Select(v => v.GetString()), Does.Contain("champions"));
            Assert.That(json.GetProperty("conditions").EnumerateArray().Select(c => c.GetString()), Does.Contain("never opened"));
        });
    }

    [Test]
    public async Task Fields_CustomFieldsCarryThePortalsNames_InTheCallersLanguage()
    {
        await _rig.ExecuteAsync("""
            DELETE FROM custom_field_labels;
            INSERT INTO custom_field_labels (portal_id, owner, code, lang, type, label, synced_at) VALUES
              (1, 'contact', 'UF_CRM_CITY', 'ru', 'string', 'Город', '2026-01-01T00:00:00Z'),
              (1, 'contact', 'UF_CRM_CITY', 'en', 'string', 'City', '2026-01-01T00:00:00Z'),
              (2, 'deal', 'UF_CRM_SRC', 'ru', 'string', 'Источник портала Б', '2026-01-01T00:00:00Z');
            """);
        async Task<Dictionary<string, JsonElement>> FieldsAsync(string language)
        {
            using var http = _rig.Client(_rig.UiToken(1, language: language));
            var json = await http.GetFromJsonAsync<JsonElement>("api/ui/segments/fields", Token);
            return json.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f);
        }

        var ru = await FieldsAsync("ru");
        var en = await FieldsAsync("en");
        Assert.Multiple(() =>
        {
            Assert.That(ru["contact.custom.UF_CRM_CITY"].GetProperty("label").GetString(), Is.EqualTo("Город"));
            Assert.That(en["contact.custom.UF_CRM_CITY"].GetProperty("label").GetString(), Is.EqualTo("City"));
            Assert.That(ru["deal.custom.UF_CRM_SRC"].GetProperty("label").ValueKind, Is.EqualTo(JsonValueKind.Null), "portal B's name is not portal A's");
            Assert.That(ru["contact.name"].GetProperty("label").ValueKind, Is.EqualTo(JsonValueKind.Null), "the language's own fields have none");
        });
    }

    [TestCase("contact.name = \"Anna\" and (deal.amount > 100 or opened in last 7 days)")]
    [TestCase("contact.custom.UF_CRM_CITY in (\"Казань\", \"Москва\") or not contact.email contains \"@corp\"")]
    [TestCase("any deal (deal.stage = \"WON\" and deal.amount >= 1000) and contact.created < 30 days ago")]
    [TestCase("never clicked and contact.last_name is not empty and unsubscribed from \"News \"\"letter\"\"\" or suppressed")]
    [TestCase("deal.moved >= 2026-01-01 and deal.modified < 36 hours ago or opened since today")]
    public async Task Parse_GivesTheBuildersTree_AndTextThatCountsTheSame(string expression)
    {
        using var http = _rig.Client(_rig.UiToken(1));
        using var answer = await http.PostAsJsonAsync("api/ui/segments/parse", new { expression }, Token);
        var json = await answer.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.ToString());
        var text = json.GetProperty("text").GetString()!;
        var evaluator = _rig.Services.GetRequiredService<SegmentEvaluator>();
        var queries = _rig.Services.GetRequiredService<SegmentQueries>();
        var original = await queries.CountAsync(1, (await evaluator.PrepareAsync(expression, Token)).Sql!, Token);
        var again = await evaluator.PrepareAsync(text, Token);

        Assert.That(again.Error, Is.Null, text);
        Assert.That(await queries.CountAsync(1, again.Sql!, Token), Is.EqualTo(original), text);
        Assert.That(SegmentText.Format(SegmentParser.Parse(text).Expression!), Is.EqualTo(text), "the text is a fixed point");
        Assert.That(json.GetProperty("tree").GetProperty("kind").GetString(), Is.EqualTo("group"));
    }

    [Test]
    public async Task Parse_Tree_HasRowsGroupsAndTextPieces()
    {
        using var http = _rig.Client(_rig.UiToken(1));
        var json = await (await http.PostAsJsonAsync("api/ui/segments/parse", new { expression = "contact.name = \"An\"\"na\" and (deal.amount > 100 or opened in last 7 days) and deal.stage in (\"WON\", \"NEW\")" }, Token))
            .Content.ReadFromJsonAsync<JsonElement>(Token);
        var tree = json.GetProperty("tree");
        var items = tree.GetProperty("items");
        using var bad = await http.PostAsJsonAsync("api/ui/segments/parse", new { expression = "contact.name = " }, Token);

        Assert.Multiple(async () =>
        {
            Assert.That(tree.GetProperty("join").GetString(), Is.EqualTo("and"));
            Assert.That(items.GetArrayLength(), Is.EqualTo(3));
            Assert.That(items[0].GetProperty("kind").GetString(), Is.EqualTo("condition"));
            Assert.That(items[0].GetProperty("values")[0].GetString(), Is.EqualTo("An\"na"));
            Assert.That(items[1].GetProperty("join").GetString(), Is.EqualTo("or"));
            Assert.That(items[1].GetProperty("items")[0].GetProperty("field").GetString(), Is.EqualTo("deal.amount"));
            Assert.That(items[1].GetProperty("items")[1].GetProperty("kind").GetString(), Is.EqualTo("raw"));
            Assert.That(items[1].GetProperty("items")[1].GetProperty("text").GetString(), Is.EqualTo("opened in last 7 days"));
            Assert.That(items[2].GetProperty("operator").GetString(), Is.EqualTo("in"));
            Assert.That(items[2].GetProperty("values").EnumerateArray().Select(v => v.GetString()), Is.EqualTo(new[] { "WON", "NEW" }));
            Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await bad.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("column").GetInt32(), Is.EqualTo(16));
        });
    }

    [Test]
    public async Task OpenApi_DescribesEverySegmentAndCampaignRoute_WithASummary()
    {
        var (_, key) = await _rig.CreateKeyAsync(1);
        using var http = _rig.Client(key);
        var document = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative), Token))!;
        var operations = document["paths"]!.AsObject()
            .Where(p => p.Key.StartsWith("/api/ui/segments", StringComparison.Ordinal) || p.Key.StartsWith("/api/ui/campaigns", StringComparison.Ordinal))
            .SelectMany(p => p.Value!.AsObject().Select(o => (Path: p.Key, Method: o.Key, Summary: o.Value?["summary"]?.GetValue<string>())))
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(operations.Select(o => $"{o.Method} {o.Path}"), Is.SupersetOf(new[]
            {
                "get /api/ui/segments/fields", "post /api/ui/segments/count", "post /api/ui/segments/parse", "get /api/ui/segments", "post /api/ui/segments",
                "put /api/ui/segments/{name}", "delete /api/ui/segments/{name}", "post /api/ui/segments/export", "get /api/ui/campaigns/setup", "get /api/ui/campaigns",
                "post /api/ui/campaigns", "get /api/ui/campaigns/{id}", "post /api/ui/campaigns/{id}/pause", "post /api/ui/campaigns/{id}/resume", "post /api/ui/campaigns/{id}/cancel",
            }));
            Assert.That(operations.Where(o => string.IsNullOrWhiteSpace(o.Summary)).Select(o => $"{o.Method} {o.Path}"), Is.Empty);
        });
    }
}
