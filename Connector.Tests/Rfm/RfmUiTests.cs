using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Tests.Api;
using Connector.Web.UiSession;

namespace Connector.Tests.Rfm;

/// <summary>/api/ui/rfm as serve maps it: the app page's session only, the caller's portal only, bad input named.</summary>
[CancelAfter(120_000)]
public sealed class RfmUiTests
{
    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    [Test]
    public async Task Refresh_ThenOverviewAndMembers_OwnPortalOnly()
    {
        await using var rig = await ApiRig.StartAsync(Token, new Dictionary<string, string?> { ["Rfm:Enabled"] = "false" });   // no refresh job at start: the route does it
        await rig.SeedContactAsync(1, 1, "Anna", "Smirnova", [("anna@example.org", true)]);
        await rig.SeedContactAsync(2, 1, "Boris", null, [("boris@example.org", true)]);
        await rig.ExecuteAsync("""
            INSERT INTO deals (portal_id, crm_id, title, stage_id, pipeline_id, stage_semantic, amount, currency, moved_at, synced_at) VALUES
              (1, 10, 'Won A', 'WON', 0, 'S', '1500.5', 'RUB', '2026-11-20T10:00:00.0000000Z', '2026-11-20T10:00:00Z'),
              (2, 10, 'Won B', 'WON', 0, 'S', '99', 'RUB', '2026-11-20T10:00:00.0000000Z', '2026-11-20T10:00:00Z');
            INSERT INTO deal_contacts (portal_id, deal_id, contact_id, position) VALUES (1, 10, 1, 0), (2, 10, 1, 0);
            """);
        using var a = rig.Client(rig.UiToken(1, isAdmin: false));
        using var b = rig.Client(rig.UiToken(2, isAdmin: false));

        var before = await a.GetFromJsonAsync<JsonElement>("api/ui/rfm", Token);
        using var refreshed = await a.PostAsync("api/ui/rfm/refresh", null, Token);
        var after = await refreshed.Content.ReadFromJsonAsync<JsonElement>(Token);
        var members = await a.GetFromJsonAsync<JsonElement>("api/ui/rfm/segments/need_attention/contacts", Token);
        var otherPortal = await b.GetFromJsonAsync<JsonElement>("api/ui/rfm", Token);

        Assert.Multiple(() =>
        {
            Assert.That(before.GetProperty("computedAt").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(after.GetProperty("contacts").GetInt64(), Is.EqualTo(1));
            Assert.That(after.GetProperty("currency").GetString(), Is.EqualTo("RUB"));
            Assert.That(after.GetProperty("cells").GetArrayLength(), Is.EqualTo(25));
            Assert.That(after.GetProperty("cohorts")[0].GetProperty("month").GetString(), Is.EqualTo("2026-11"));
            Assert.That(members.GetArrayLength(), Is.EqualTo(1));
            Assert.That(members[0].GetProperty("name").GetString(), Is.EqualTo("Anna Smirnova"));
            Assert.That(members[0].GetProperty("email").GetString(), Is.EqualTo("anna@example.org"));
            Assert.That(members[0].GetProperty("monetary").GetDouble(), Is.EqualTo(1500.5));
            Assert.That(otherPortal.GetProperty("computedAt").ValueKind, Is.EqualTo(JsonValueKind.Null), "portal B was not refreshed by A's call");
        });
    }

    [TestCase("api/ui/rfm/segments/at%20risk/contacts", HttpStatusCode.NotFound, "segment")]
    [TestCase("api/ui/rfm/segments/at_risk/contacts?limit=0", HttpStatusCode.BadRequest, "limit")]
    [TestCase("api/ui/rfm/segments/at_risk/contacts?limit=201", HttpStatusCode.BadRequest, "limit")]
    [TestCase("api/ui/rfm/segments/at_risk/contacts?offset=-1", HttpStatusCode.BadRequest, "offset")]
    public async Task Members_BadInput_ProblemNamingTheField(string path, HttpStatusCode status, string field)
    {
        await using var rig = await ApiRig.StartAsync(Token);
        using var client = rig.Client(rig.UiToken(1));

        using var response = await client.GetAsync(path, Token);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(status));
            Assert.That(problem.GetProperty("field").GetString(), Is.EqualTo(field));
        });
    }

    [Test]
    public async Task Rfm_NoTokenOrATabsToken_Refused()
    {
        await using var rig = await ApiRig.StartAsync(Token);
        using var anonymous = rig.Client();
        using var tab = rig.Client(rig.UiToken(1, placement: UiPlacement.DealTab, entityId: 10));

        using var none = await anonymous.GetAsync("api/ui/rfm", Token);
        using var fromTab = await tab.PostAsync("api/ui/rfm/refresh", null, Token);

        Assert.Multiple(() =>
        {
            Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(fromTab.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        });
    }
}
