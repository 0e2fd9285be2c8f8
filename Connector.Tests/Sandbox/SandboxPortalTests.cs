using System.Net;
using System.Text.Json;
using Connector.Sandbox;

namespace Connector.Tests.Sandbox;

[CancelAfter(120_000)]
public sealed class SandboxPortalTests
{
    [Test]
    public async Task MoveDeal_WithinPipeline_WritesIntermediateThenFinalHistory()
    {
        await using var sut = await SandboxTestHost.StartAsync(new SandboxOptions { Contacts = 5, Deals = 0 });
        var deal = sut.Portal.AddDeal(new SandboxDealFields { Title = "Тест", ContactIds = [1, 2] });
        sut.Time.Advance(TimeSpan.FromMinutes(1));
        sut.Portal.MoveDeal(deal.Id, "EXECUTING");
        sut.Time.Advance(TimeSpan.FromMinutes(1));
        var won = sut.Portal.MoveDeal(deal.Id, "WON")!;

        var (_, body) = await sut.PostAsync("crm.stagehistory.list", new { entityTypeId = 2, filter = new { OWNER_ID = deal.Id }, order = new { ID = "ASC" } });

        var items = body["result"]!["items"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(items.Select(i => i!["TYPE_ID"]!.GetValue<int>()), Is.EqualTo(new[] { 1, 2, 3 }));
            Assert.That(items.Select(i => i!["STAGE_ID"]!.GetValue<string>()), Is.EqualTo(new[] { "NEW", "EXECUTING", "WON" }));
            Assert.That(items[0]!["ID"]!.GetValueKind(), Is.EqualTo(JsonValueKind.Number));
            Assert.That(won.Closed, Is.True);
            Assert.That(won.StageSemanticId, Is.EqualTo("S"));
            Assert.That(won.MovedTime, Is.EqualTo(SandboxTestHost.Start.AddMinutes(2)));
            Assert.That(won.DateModify, Is.EqualTo(won.MovedTime));
        });
    }

    [Test]
    public async Task MoveDealToCategory_OtherPipeline_WritesTypeFiveRow()
    {
        await using var sut = await SandboxTestHost.StartAsync(new SandboxOptions { Contacts = 5, Deals = 0 });
        var deal = sut.Portal.AddDeal(new SandboxDealFields { Title = "Тендер" });

        var moved = sut.Portal.MoveDealToCategory(deal.Id, 2, "C2:PREPARATION")!;

        var last = sut.Portal.History[^1];
        Assert.Multiple(() =>
        {
            Assert.That(last.TypeId, Is.EqualTo(5));
            Assert.That(last.CategoryId, Is.EqualTo(2));
            Assert.That(last.StageId, Is.EqualTo("C2:PREPARATION"));
            Assert.That(moved.CategoryId, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task DealUpdate_RestStageChange_BehavesLikeMoveDeal()
    {
        await using var sut = await SandboxTestHost.StartAsync(new SandboxOptions { Contacts = 5, Deals = 3 });
        var deal = sut.Portal.AddDeal(new SandboxDealFields { CategoryId = 1 });

        var (status, _) = await sut.PostAsync("crm.deal.update", new { id = deal.Id, fields = new { STAGE_ID = "C1:LOSE" } });
        var (_, get) = await sut.PostAsync("crm.deal.get", new { id = deal.Id });

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(get["result"]!["STAGE_SEMANTIC_ID"]!.GetValue<string>(), Is.EqualTo("F"));
            Assert.That(get["result"]!["CLOSED"]!.GetValue<string>(), Is.EqualTo("Y"));
            Assert.That(sut.Portal.History[^1].TypeId, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task ItemList_Deals_UsesCamelCaseIntegers()
    {
        await using var sut = await SandboxTestHost.StartAsync();

        var (_, body) = await sut.PostAsync("crm.item.list", new { entityTypeId = 2, select = new[] { "*" }, start = 0 });

        var item = body["result"]!["items"]![0]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(item["id"]!.GetValueKind(), Is.EqualTo(JsonValueKind.Number));
            Assert.That(item["categoryId"]!.GetValueKind(), Is.EqualTo(JsonValueKind.Number));
            Assert.That(item["opportunity"]!.GetValueKind(), Is.EqualTo(JsonValueKind.Number));
            Assert.That(item["contactIds"]!.GetValueKind(), Is.EqualTo(JsonValueKind.Array));
            Assert.That(item["closed"]!.GetValue<string>(), Is.AnyOf("Y", "N"));
            Assert.That(body["total"]!.GetValue<int>(), Is.EqualTo(400));
        });
    }

    [Test]
    public async Task CategoryAndStatusList_Pipelines_MatchDocumentedShapes()
    {
        await using var sut = await SandboxTestHost.StartAsync();

        var (_, categories) = await sut.PostAsync("crm.category.list", new { entityTypeId = 2 });
        var (_, stages) = await sut.PostAsync("crm.status.list", new { filter = new { ENTITY_ID = "DEAL_STAGE_1" }, order = new { SORT = "ASC" } });

        var rows = stages["result"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(categories["result"]!["categories"]!.AsArray(), Has.Count.EqualTo(3));
            Assert.That(rows.Select(r => r!["STATUS_ID"]!.GetValue<string>()), Has.All.StartWith("C1:"));
            Assert.That(rows[0]!["SORT"]!.GetValue<string>(), Is.EqualTo("10"));
            Assert.That(rows[^1]!["EXTRA"]!["SEMANTICS"]!.GetValue<string>(), Is.EqualTo("failure"));
        });
    }

    [Test]
    public async Task ContactCrud_AddUpdateDelete_RoundTripsOverRest()
    {
        await using var sut = await SandboxTestHost.StartAsync(new SandboxOptions { Contacts = 3, Deals = 0 });

        var (_, added) = await sut.PostFormAsync("crm.contact.add", "fields[NAME]=Ольга&fields[EMAIL][0][VALUE]=olga@mail.ru&fields[EMAIL][0][VALUE_TYPE]=WORK");
        var id = added["result"]!.GetValue<long>();
        sut.Time.Advance(TimeSpan.FromMinutes(1));
        await sut.PostAsync("crm.contact.update", new { id, fields = new { LAST_NAME = "Волкова" } });
        var (_, got) = await sut.PostAsync("crm.contact.get", new { id });
        var (_, deleted) = await sut.PostAsync("crm.contact.delete", new { id });
        var (missing, _) = await sut.PostAsync("crm.contact.get", new { id });

        Assert.Multiple(() =>
        {
            Assert.That(id, Is.EqualTo(4));
            Assert.That(got["result"]!["LAST_NAME"]!.GetValue<string>(), Is.EqualTo("Волкова"));
            Assert.That(got["result"]!["EMAIL"]![0]!["VALUE"]!.GetValue<string>(), Is.EqualTo("olga@mail.ru"));
            Assert.That(got["result"]!["DATE_MODIFY"]!.GetValue<string>(), Is.Not.EqualTo(got["result"]!["DATE_CREATE"]!.GetValue<string>()));
            Assert.That(deleted["result"]!.GetValue<bool>(), Is.True);
            Assert.That(missing, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    [TestCase("1", "wrongcode", "app.info", 401, "INVALID_CREDENTIALS")]
    [TestCase("2", "sandboxwebhook0000000000", "app.info", 401, "INVALID_CREDENTIALS")]
    [TestCase("1", "sandboxwebhook0000000000", "crm.nothing.list", 404, "ERROR_METHOD_NOT_FOUND")]
    public async Task Handle_BadCredentialsOrMethod_ReturnsDocumentedError(string userId, string code, string method, int status, string error)
    {
        await using var sut = await SandboxTestHost.StartAsync(new SandboxOptions { Contacts = 1, Deals = 0 });

        using var response = await sut.Http.PostAsync(new Uri($"/sandbox/rest/{userId}/{code}/{method}", UriKind.Relative), null);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(status));
            Assert.That(body["error"]!.GetValue<string>(), Is.EqualTo(error));
        });
    }

    [Test]
    public async Task AppInfo_Enterprise_ReportsEntFamily()
    {
        await using var sut = await SandboxTestHost.StartAsync(new SandboxOptions { Contacts = 1, Deals = 0, Enterprise = true });

        var (_, body) = await sut.PostAsync("app.info", new { });

        Assert.That(body["result"]!["LICENSE_FAMILY"]!.GetValue<string>(), Is.EqualTo("ent"));
    }
}
