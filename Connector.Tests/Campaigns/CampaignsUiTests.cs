using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Campaigns.Broadcasts;
using Connector.Tests.Api;
using Connector.Web.UiSession;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Campaigns;

/// <summary>
/// The Campaigns page's <c>/api/ui</c> routes on serve's composition (<see cref="ApiRig"/>, two portals): create
/// through the CLI's validator (400 keyed by the form's field), list and show per portal, launch queues the ledger
/// rows, pause/resume/cancel.
/// </summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class CampaignsUiTests
{
    private ApiRig _rig = null!;

    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    [SetUp]
    public async Task StartAsync()
    {
        _rig = await ApiRig.StartAsync(Token, new Dictionary<string, string?> { ["Sending:Runner:Enabled"] = "false", ["Campaigns:IntervalSeconds"] = "3600", ["Rfm:Enabled"] = "false" });
        await _rig.SaveTemplateAsync(new Connector.Templates.TemplateFile
        {
            Name = "news", Subject = "News for {{ contact.name }}", Html = "<p>Hello {{ contact.name }}</p><p><a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>",
        });
        for (var id = 1; id <= 5; id++)
        {
            await _rig.SeedContactAsync(1, id, id <= 3 ? "VIP" : "Reader", null, [($"c{id}@example.org", true)]);
        }

        await _rig.SeedContactAsync(2, 1, "VIP", null, [("other@example.org", true)]);
    }

    [TearDown]
    public async Task StopAsync() => await _rig.DisposeAsync();

    [Test]
    public async Task Setup_ListsTheStoredTemplates_TheSendingDomain_AndTheZone()
    {
        using var http = _rig.Client(_rig.UiToken(1, isAdmin: false));
        var json = await http.GetFromJsonAsync<JsonElement>("api/ui/campaigns/setup", Token);

        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("templates").EnumerateArray().Select(t => t.GetProperty("name").GetString()), Is.EqualTo(new[] { "news" }));
            Assert.That(json.GetProperty("templates")[0].GetProperty("subject").GetString(), Is.EqualTo("News for {{ contact.name }}"));
            Assert.That(json.GetProperty("sendingDomain").GetString(), Is.EqualTo("example.com"));
            Assert.That(json.GetProperty("timeZone").GetString(), Is.Not.Empty);
        });
    }

    private static IEnumerable<TestCaseData> BadCampaigns()
    {
        yield return new TestCaseData(new { segment = "opened" }, "template").SetName("NoTemplate");
        yield return new TestCaseData(new { template = "nope", segment = "opened" }, "template").SetName("UnknownTemplate");
        yield return new TestCaseData(new { template = "news", segment = "contact.name = " }, "segment").SetName("BadSegment");
        yield return new TestCaseData(new { template = "news" }, "segment").SetName("NoSegment");
        yield return new TestCaseData(new { template = "news", segmentName = "nope" }, "segmentName").SetName("UnknownSavedSegment");
        yield return new TestCaseData(new { template = "news", segment = "opened", at = "2020-01-01T09:00" }, "at").SetName("AtInThePast");
        yield return new TestCaseData(new { template = "news", segment = "opened", at = "tomorrow" }, "at").SetName("AtNotIso");
        yield return new TestCaseData(new { template = "news", segment = "opened", window = "9-18" }, "window").SetName("BadWindow");
        yield return new TestCaseData(new { template = "news", segment = "opened", expireAfter = "100d" }, "expireAfter").SetName("ExpiryTooLong");
        yield return new TestCaseData(new { template = "news", segment = "opened", mode = "ab", variants = new[] { new { name = "a", subject = "A" } } }, "variants").SetName("AbWithOneVariant");
        yield return new TestCaseData(new { template = "news", segment = "opened", variants = new object[] { new { name = "a", subject = "A" }, new { name = "b", fromAddress = "x@other.org" } } }, "variants.1").SetName("SenderOffDomain");
        yield return new TestCaseData(new { template = "news", segment = "opened", variants = new object[] { new { name = "a", subject = "A" }, new { name = "b", subject = "{% if %}" } } }, "variants.1").SetName("SubjectDoesNotCompile");
        yield return new TestCaseData(new { template = "news", segment = "opened", variants = new object[] { new { name = "a", subject = "A;B" }, new { name = "b", subject = "B" } } }, "variants.0").SetName("SemicolonInVariant");
        yield return new TestCaseData(new { template = "news", segment = "opened", variants = new object[] { new { name = "a", subject = "A" }, new { name = "b", subject = "B" } }, testShare = 0 }, "testShare").SetName("TestShareZero");
        yield return new TestCaseData(new { template = "news", segment = "opened", mode = "bandit", variants = new object[] { new { name = "a", subject = "A" }, new { name = "b", subject = "B" } }, waveEvery = "5s" }, "waveEvery").SetName("WaveTooShort");
        yield return new TestCaseData(new { template = "news", segment = "opened", winnerBy = "likes" }, "winnerBy").SetName("WinnerByUnknown");
    }

    [TestCaseSource(nameof(BadCampaigns))]
    public async Task Create_Invalid_Is400NamingTheField_AndStoresNothing(object body, string field)
    {
        using var http = _rig.Client(_rig.UiToken(1, isAdmin: false));
        using var answer = await http.PostAsJsonAsync("api/ui/campaigns", body, Token);
        var json = await answer.Content.ReadFromJsonAsync<JsonElement>(Token);

        Assert.Multiple(async () =>
        {
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), json.ToString());
            Assert.That(json.GetProperty("errors").TryGetProperty(field, out var messages), Is.True, json.ToString());
            Assert.That(messages.ValueKind == JsonValueKind.Array && messages.GetArrayLength() > 0, Is.True);
            Assert.That(json.GetProperty("field").GetString(), Is.Not.Empty);
            Assert.That(await _rig.CountAsync("SELECT COUNT(*) FROM campaigns"), Is.Zero);
        });
    }

    [Test]
    public async Task Create_ListShow_Launch_QueuesTheSegmentsRows_PerPortal()
    {
        using var a = _rig.Client(_rig.UiToken(1, isAdmin: false));
        using var b = _rig.Client(_rig.UiToken(2, isAdmin: false));
        using var created = await a.PostAsJsonAsync("api/ui/campaigns", new { name = "December", template = "news", segment = "contact.name = \"VIP\"", window = "00:00-23:59" }, Token);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetInt64();
        var count = (await (await a.PostAsJsonAsync("api/ui/segments/count", new { expression = "contact.name = \"VIP\"" }, Token)).Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("count").GetInt64();
        var runner = _rig.Services.GetRequiredService<CampaignRunner>();
        for (var step = 0; step < 4; step++)
        {
            await runner.StepAsync(id, Token);
        }

        var list = await a.GetFromJsonAsync<JsonElement>("api/ui/campaigns", Token);
        var listB = await b.GetFromJsonAsync<JsonElement>("api/ui/campaigns", Token);
        var show = await a.GetFromJsonAsync<JsonElement>($"api/ui/campaigns/{id}", Token);
        using var showB = await b.GetAsync($"api/ui/campaigns/{id}", Token);
        var rows = await _rig.CountAsync("SELECT COUNT(*) FROM send_ledger WHERE send_key = @Key", new { Key = CampaignStore.SendKeyOf(id) });

        Assert.Multiple(() =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(count, Is.EqualTo(3));
            Assert.That(rows, Is.EqualTo(count), "one ledger row per contact of the segment");
            Assert.That(list.GetArrayLength(), Is.EqualTo(1));
            Assert.That(list[0].GetProperty("name").GetString(), Is.EqualTo("December"));
            Assert.That(list[0].GetProperty("state").GetString(), Is.AnyOf("running", "completed"));
            Assert.That(list[0].GetProperty("audience").GetInt64(), Is.EqualTo(3));
            Assert.That(list[0].GetProperty("counts").GetProperty("queued").GetInt64(), Is.EqualTo(3));
            Assert.That(list[0].GetProperty("counts").GetProperty("sent").GetInt64(), Is.Zero);
            Assert.That(listB.GetArrayLength(), Is.Zero, "portal 2 sees none of portal 1's campaigns");
            Assert.That(showB.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(show.GetProperty("segment").GetString(), Is.EqualTo("contact.name = \"VIP\""));
            Assert.That(show.GetProperty("window").GetString(), Is.EqualTo("00:00-23:59"));
            Assert.That(show.GetProperty("ledger").GetProperty("queued").GetInt64(), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task Show_CountsTheRecipientsSharingAnothersAddress_WhoGetNoLetterOfTheirOwn()
    {
        await _rig.SeedContactAsync(1, 6, "Twin", null, [("twins@example.org", true)]);
        await _rig.SeedContactAsync(1, 7, "Twin", null, [("twins@example.org", true)]);
        await _rig.SeedContactAsync(1, 8, "Twin", null, [("third@example.org", true)]);
        using var a = _rig.Client(_rig.UiToken(1, isAdmin: false));
        using var created = await a.PostAsJsonAsync("api/ui/campaigns", new { name = "Twins", template = "news", segment = "contact.name = \"Twin\"", window = "00:00-23:59" }, Token);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetInt64();
        var before = await a.GetFromJsonAsync<JsonElement>($"api/ui/campaigns/{id}", Token);
        var runner = _rig.Services.GetRequiredService<CampaignRunner>();
        for (var step = 0; step < 4; step++)
        {
            await runner.StepAsync(id, Token);
        }

        var show = await a.GetFromJsonAsync<JsonElement>($"api/ui/campaigns/{id}", Token);

        Assert.Multiple(() =>
        {
            Assert.That(before.GetProperty("sharedAddress").GetInt64(), Is.Zero, "nothing queued yet");
            Assert.That(show.GetProperty("audience").GetInt64(), Is.EqualTo(3));
            Assert.That(show.GetProperty("ledger").GetProperty("queued").GetInt64(), Is.EqualTo(2), "one letter an address");
            Assert.That(show.GetProperty("refused").EnumerateObject().Count(), Is.Zero);
            Assert.That(show.GetProperty("sharedAddress").GetInt64(), Is.EqualTo(1), "audience = letters + refused + shared");
        });
    }

    [Test]
    public async Task Create_WithASavedSegment_AndAbVariants_StoresThemFrozen()
    {
        using var a = _rig.Client(_rig.UiToken(1));
        using var b = _rig.Client(_rig.UiToken(2));
        await a.PostAsJsonAsync("api/ui/segments", new { name = "vips", expression = "contact.name = \"VIP\"" }, Token);
        var body = new
        {
            template = "news", segmentName = "vips", at = "2099-01-01T09:00", localTime = true, mode = "ab", testShare = 30, testWait = "2h", winnerBy = "clicks",
            variants = new object[] { new { name = "short", subject = "Hi" }, new { name = "boss", fromAddress = "ceo@example.com", fromName = "The CEO" } },
        };
        using var created = await a.PostAsJsonAsync("api/ui/campaigns", body, Token);
        using var otherPortal = await b.PostAsJsonAsync("api/ui/campaigns", body, Token);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetInt64();
        var show = await a.GetFromJsonAsync<JsonElement>($"api/ui/campaigns/{id}", Token);
        var otherProblem = await otherPortal.Content.ReadFromJsonAsync<JsonElement>(Token);

        Assert.Multiple(() =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(show.GetProperty("state").GetString(), Is.EqualTo("scheduled"));
            Assert.That(show.GetProperty("segment").GetString(), Is.EqualTo("contact.name = \"VIP\""), "the saved segment's expression, frozen");
            Assert.That(show.GetProperty("segmentName").GetString(), Is.EqualTo("vips"));
            Assert.That(show.GetProperty("mode").GetString(), Is.EqualTo("ab"));
            Assert.That(show.GetProperty("testShare").GetInt64(), Is.EqualTo(30));
            Assert.That(show.GetProperty("localTime").GetBoolean(), Is.True);
            Assert.That(show.GetProperty("variants")[1].GetProperty("fromAddress").GetString(), Is.EqualTo("ceo@example.com"));
            Assert.That(show.GetProperty("variants")[1].GetProperty("fromName").GetString(), Is.EqualTo("The CEO"));
            Assert.That(otherPortal.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "another portal cannot use portal 1's saved segment");
            Assert.That(otherProblem.GetProperty("errors").TryGetProperty("segmentName", out _), Is.True);
        });
    }

    [Test]
    public async Task PauseResumeCancel_MoveTheState_OnlyForTheOwnPortal()
    {
        using var a = _rig.Client(_rig.UiToken(1, isAdmin: false));
        using var b = _rig.Client(_rig.UiToken(2, isAdmin: false));
        using var created = await a.PostAsJsonAsync("api/ui/campaigns", new { template = "news", segment = "contact.id > 0" }, Token);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetInt64();
        await _rig.Services.GetRequiredService<CampaignRunner>().StepAsync(id, Token);
        using var otherPauses = await b.PostAsync($"api/ui/campaigns/{id}/pause", null, Token);
        using var paused = await a.PostAsync($"api/ui/campaigns/{id}/pause", null, Token);
        using var pausedTwice = await a.PostAsync($"api/ui/campaigns/{id}/pause", null, Token);
        using var resumed = await a.PostAsync($"api/ui/campaigns/{id}/resume", null, Token);
        using var cancelled = await a.PostAsync($"api/ui/campaigns/{id}/cancel", null, Token);
        using var resumeCancelled = await a.PostAsync($"api/ui/campaigns/{id}/resume", null, Token);
        using var missing = await a.PostAsync("api/ui/campaigns/999/cancel", null, Token);

        Assert.Multiple(async () =>
        {
            Assert.That(otherPauses.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await paused.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("state").GetString(), Is.EqualTo("paused"));
            Assert.That(pausedTwice.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That((await pausedTwice.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("detail").GetString(), Does.Contain("paused"));
            Assert.That((await resumed.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("state").GetString(), Is.EqualTo("running"));
            Assert.That((await cancelled.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("state").GetString(), Is.EqualTo("cancelled"));
            Assert.That(resumeCancelled.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await _rig.CountAsync("SELECT COUNT(*) FROM send_ledger WHERE send_key = @Key AND state = 'cancelled'", new { Key = CampaignStore.SendKeyOf(id) }), Is.EqualTo(5));
        });
    }

    [Test]
    public async Task Routes_NeedTheAppPagesToken()
    {
        using var none = _rig.Client();
        using var tab = _rig.Client(_rig.UiToken(1, placement: UiPlacement.ContactTab, entityId: 1));
        using var noToken = await none.GetAsync("api/ui/campaigns", Token);
        using var noTokenCreate = await none.PostAsJsonAsync("api/ui/campaigns", new { template = "news", segment = "opened" }, Token);
        using var fromTab = await tab.GetAsync("api/ui/campaigns", Token);
        using var fromTabPause = await tab.PostAsync("api/ui/campaigns/1/pause", null, Token);

        Assert.Multiple(async () =>
        {
            Assert.That(noToken.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(noTokenCreate.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(fromTab.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(fromTabPause.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await _rig.CountAsync("SELECT COUNT(*) FROM campaigns"), Is.Zero);
        });
    }
}
