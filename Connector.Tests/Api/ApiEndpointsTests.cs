using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Connector.Reports;
using Connector.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Api;

/// <summary>
/// The REST API on a real Kestrel host: bearer keys per portal (401 ProblemDetails without one), portal scoping, the
/// report endpoints against <see cref="ReportQueries"/>, suppressions add/list/remove, and the OpenAPI document.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ApiEndpointsTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Api_NoKeyBadKeyOrRevokedKey_401ProblemDetailsNaming_Authorization(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken);
        var (id, key) = await rig.CreateKeyAsync(1);
        var wrongSecret = key[..^4] + (key.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        var answers = new List<(HttpStatusCode Status, string? Type, JsonNode? Body)>();
        foreach (var client in new[] { rig.Client(), rig.Client("nonsense"), rig.Client(wrongSecret), rig.Client("ceb_") })
        {
            using (client)
            {
                var response = await client.GetAsync(new Uri("api/v1/contacts/1/messages", UriKind.Relative), cancellationToken);
                answers.Add((response.StatusCode, response.Content.Headers.ContentType?.MediaType, JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))));
            }
        }

        using var good = rig.Client(key);
        var before = await good.GetAsync(new Uri("api/v1/contacts/1/messages", UriKind.Relative), cancellationToken);
        Assert.That(await rig.Services.GetRequiredService<Connector.Api.ApiKeyStore>().RevokeAsync(id, cancellationToken), Is.True);
        var after = await good.GetAsync(new Uri("api/v1/contacts/1/messages", UriKind.Relative), cancellationToken);

        Assert.Multiple(() =>
        {
            foreach (var (status, type, body) in answers)
            {
                Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
                Assert.That(type, Is.EqualTo("application/problem+json"));
                Assert.That(body!["status"]!.GetValue<int>(), Is.EqualTo(401));
                Assert.That(body["field"]!.GetValue<string>(), Is.EqualTo("Authorization"));
            }

            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(rig.ErrorsWithExceptions, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Api_KeyOfPortalA_CannotReadPortalBsContactDealOrSendKey(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken);
        await rig.SeedMessageAsync(1, "campaign:a", 7, "ann@example.org", dealId: 70);
        await rig.SeedMessageAsync(2, "campaign:b", 8, "bob@example.org", dealId: 80);
        var (_, keyA) = await rig.CreateKeyAsync(1);
        using var client = rig.Client(keyA);

        var own = JsonNode.Parse(await client.GetStringAsync(new Uri("api/v1/contacts/7/messages", UriKind.Relative), cancellationToken))!;
        var other = JsonNode.Parse(await client.GetStringAsync(new Uri("api/v1/contacts/8/messages", UriKind.Relative), cancellationToken))!;
        var otherDeal = JsonNode.Parse(await client.GetStringAsync(new Uri("api/v1/deals/80/messages", UriKind.Relative), cancellationToken))!;
        var ownDeal = JsonNode.Parse(await client.GetStringAsync(new Uri("api/v1/deals/70/messages", UriKind.Relative), cancellationToken))!;
        var otherKey = await client.GetAsync(new Uri("api/v1/send-keys/campaign:b/stats", UriKind.Relative), cancellationToken);
        var badId = await client.GetAsync(new Uri("api/v1/contacts/x1/messages", UriKind.Relative), cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That(own["portal"]!.GetValue<string>(), Is.EqualTo(ApiRig.PortalA));
            Assert.That(own["messages"]!.AsArray().Select(m => m!["recipient"]!.GetValue<string>()), Is.EqualTo(new[] { "ann@example.org" }));
            Assert.That(ownDeal["messages"]!.AsArray(), Has.Count.EqualTo(1));
            Assert.That(other["messages"]!.AsArray(), Is.Empty);
            Assert.That(otherDeal["messages"]!.AsArray(), Is.Empty);
            Assert.That(otherKey.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(JsonNode.Parse(await otherKey.Content.ReadAsStringAsync(cancellationToken))!["field"]!.GetValue<string>(), Is.EqualTo("key"));
            Assert.That(badId.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(JsonNode.Parse(await badId.Content.ReadAsStringAsync(cancellationToken))!["field"]!.GetValue<string>(), Is.EqualTo("id"));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Api_SendKeyStats_MatchReportQueriesAndTheReportJson(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken);
        await rig.SeedMessageAsync(1, "campaign:a", 7, "ann@example.org");
        await rig.SeedMessageAsync(1, "campaign:a", 9, "cy@example.net");
        await rig.ExecuteAsync("UPDATE send_ledger SET state = 'failed', reply_code = 550 WHERE recipient = 'cy@example.net'");
        var (_, key) = await rig.CreateKeyAsync(1);
        using var client = rig.Client(key);

        var response = await client.GetAsync(new Uri("api/v1/send-keys/campaign:a/stats", UriKind.Relative), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var report = await new ReportQueries(rig.Services.GetRequiredService<SqliteConnectionFactory>()).SendKeyAsync("campaign:a", cancellationToken);
        var unknown = await client.GetAsync(new Uri("api/v1/send-keys/campaign:none/stats", UriKind.Relative), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
            Assert.That(JsonNode.DeepEquals(JsonNode.Parse(body), ReportJson.SendKey(report!)), Is.True, body);
            Assert.That(JsonNode.Parse(body)!["totals"]!["messages"]!.GetValue<long>(), Is.EqualTo(2));
            Assert.That(JsonNode.Parse(body)!["totals"]!["bounced"]!["hard"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(unknown.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Api_Suppressions_AddListPageRemove_BadAddress400NamingTheField(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken);
        await rig.ExecuteAsync("INSERT INTO suppressions (address, reason, source, created_at) VALUES ('zed@example.org', 'unsubscribed', 'link', '2026-01-01T00:00:00Z')");
        await rig.SeedContactEmailAsync(1, 26, "zed@example.org");
        var (_, key) = await rig.CreateKeyAsync(1);
        using var client = rig.Client(key);

        var bad = await client.PostAsJsonAsync(new Uri("api/v1/suppressions", UriKind.Relative), new { address = "not an address", reason = "manual" }, cancellationToken);
        var badReason = await client.PostAsJsonAsync(new Uri("api/v1/suppressions", UriKind.Relative), new { address = "ann@example.org", reason = "complaint" }, cancellationToken);
        var notJson = await client.PostAsync(new Uri("api/v1/suppressions", UriKind.Relative), new StringContent("{", System.Text.Encoding.UTF8, "application/json"), cancellationToken);
        var added = await client.PostAsJsonAsync(new Uri("api/v1/suppressions", UriKind.Relative), new { address = "Ann@Example.ORG", reason = "manual" }, cancellationToken);
        var again = await client.PostAsJsonAsync(new Uri("api/v1/suppressions", UriKind.Relative), new { address = "ann@example.org" }, cancellationToken);
        await client.PostAsJsonAsync(new Uri("api/v1/suppressions", UriKind.Relative), new { address = "bob@example.org" }, cancellationToken);
        var page1 = JsonNode.Parse(await client.GetStringAsync(new Uri("api/v1/suppressions?limit=2", UriKind.Relative), cancellationToken))!;
        var page2 = JsonNode.Parse(await client.GetStringAsync(new Uri($"api/v1/suppressions?limit=2&after={Uri.EscapeDataString(page1["next_after"]!.GetValue<string>())}", UriKind.Relative), cancellationToken))!;
        var tooMany = await client.GetAsync(new Uri("api/v1/suppressions?limit=501", UriKind.Relative), cancellationToken);
        var removed = await client.DeleteAsync(new Uri("api/v1/suppressions/ann@example.org", UriKind.Relative), cancellationToken);
        var notManual = await client.DeleteAsync(new Uri("api/v1/suppressions/zed@example.org", UriKind.Relative), cancellationToken);
        var left = JsonNode.Parse(await client.GetStringAsync(new Uri("api/v1/suppressions", UriKind.Relative), cancellationToken))!;

        async Task<string?> Field(HttpResponseMessage r) => JsonNode.Parse(await r.Content.ReadAsStringAsync(cancellationToken))!["field"]?.GetValue<string>();
        Assert.Multiple(async () =>
        {
            Assert.That((bad.StatusCode, await Field(bad)), Is.EqualTo((HttpStatusCode.BadRequest, "address")));
            Assert.That(bad.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That((badReason.StatusCode, await Field(badReason)), Is.EqualTo((HttpStatusCode.BadRequest, "reason")));
            Assert.That((notJson.StatusCode, await Field(notJson)), Is.EqualTo((HttpStatusCode.BadRequest, "body")));
            Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(page1["items"]!.AsArray().Select(i => i!["address"]!.GetValue<string>()), Is.EqualTo(new[] { "Ann@example.org", "bob@example.org" }));
            Assert.That(page2["items"]!.AsArray().Select(i => i!["address"]!.GetValue<string>()), Is.EqualTo(new[] { "zed@example.org" }));
            Assert.That(page2["next_after"], Is.Null);
            Assert.That((tooMany.StatusCode, await Field(tooMany)), Is.EqualTo((HttpStatusCode.BadRequest, "limit")));
            Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That((notManual.StatusCode, await Field(notManual)), Is.EqualTo((HttpStatusCode.NotFound, "address")));
            Assert.That(left["items"]!.AsArray().Select(i => i!["address"]!.GetValue<string>()), Is.EqualTo(new[] { "bob@example.org", "zed@example.org" }));
            Assert.That(rig.ErrorsWithExceptions, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Api_Suppressions_AnotherPortalsKey_SeesAndLiftsNoneOfThem(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken);
        await rig.ExecuteAsync("INSERT INTO suppressions (address, reason, source, created_at) VALUES ('zed@example.org', 'unsubscribed', 'link', '2026-01-01T00:00:00Z')");
        await rig.SeedContactEmailAsync(1, 26, "zed@example.org");
        var (_, keyA) = await rig.CreateKeyAsync(1);
        var (_, keyB) = await rig.CreateKeyAsync(2);
        using var a = rig.Client(keyA);
        using var b = rig.Client(keyB);
        await a.PostAsJsonAsync(new Uri("api/v1/suppressions", UriKind.Relative), new { address = "ann@example.org", reason = "manual" }, cancellationToken);
        await b.PostAsJsonAsync(new Uri("api/v1/suppressions", UriKind.Relative), new { address = "bea@example.org", reason = "manual" }, cancellationToken);

        var seenByB = JsonNode.Parse(await b.GetStringAsync(new Uri("api/v1/suppressions", UriKind.Relative), cancellationToken))!;
        var liftedByB = await b.DeleteAsync(new Uri("api/v1/suppressions/ann@example.org", UriKind.Relative), cancellationToken);
        var seenByA = JsonNode.Parse(await a.GetStringAsync(new Uri("api/v1/suppressions", UriKind.Relative), cancellationToken))!;

        Assert.Multiple(() =>
        {
            Assert.That(seenByB["items"]!.AsArray().Select(i => i!["address"]!.GetValue<string>()), Is.EqualTo(new[] { "bea@example.org" }),
                "portal B sees what its keys added, never portal A's contacts or additions");
            Assert.That(liftedByB.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(seenByA["items"]!.AsArray().Select(i => i!["address"]!.GetValue<string>()), Is.EqualTo(new[] { "ann@example.org", "zed@example.org" }),
                "still suppressed: B could not lift it; A sees its additions and its contacts' entries");
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task OpenApi_Document_ListsTheApiPathsAndTheBearerScheme(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken);
        var (_, key) = await rig.CreateKeyAsync(1);
        using var client = rig.Client(key);

        var document = JsonNode.Parse(await client.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative), cancellationToken))!;

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(paths, Is.SupersetOf(new[]
            {
                "/api/v1/send-keys/{key}/stats", "/api/v1/contacts/{id}/messages", "/api/v1/deals/{id}/messages", "/api/v1/suppressions", "/api/v1/suppressions/{address}",
            }));
            Assert.That(document["components"]!["securitySchemes"]!["bearer"]!["scheme"]!.GetValue<string>(), Is.EqualTo("bearer"));
            Assert.That(document["components"]!["securitySchemes"]!["bearer"]!["type"]!.GetValue<string>(), Is.EqualTo("http"));
            Assert.That(document["security"]!.ToJsonString(), Does.Contain("bearer"));
            Assert.That(paths, Does.Contain("/api/ui/session"));
            Assert.That(document["paths"]!["/api/ui/session"]!["get"]!["security"]!.ToJsonString(), Does.Contain("ui-session"));
            Assert.That(document["components"]!["securitySchemes"]!["ui-session"]!["scheme"]!.GetValue<string>(), Is.EqualTo("bearer"));
        });
    }
}
