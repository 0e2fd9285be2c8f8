using System.Text.Json;
using Connector.Tests.Api;

namespace Connector.Tests.Web.Settings;

/// <summary>
/// The Settings page's suppression list: search in pages, add and lift manual entries, CSV import with a report per bad
/// line, CSV export — each scoped to the caller's portal, each bad input a 400 naming the field.
/// </summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class SettingsSuppressionsUiTests
{
    [Test]
    public async Task Add_Search_Remove_StayInTheCallersPortal(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken);
        var a = rig.UiToken(1);
        var b = rig.UiToken(2);

        var added = await Send(rig, HttpMethod.Post, "suppressions", a, """{"address":"Ann@Example.ORG","note":"asked by phone"}""", cancellationToken);
        var again = await Send(rig, HttpMethod.Post, "suppressions", a, """{"address":"ann@example.org"}""", cancellationToken);
        var seenByA = await Send(rig, HttpMethod.Get, "suppressions?q=ANN", a, null, cancellationToken);
        var seenByB = await Send(rig, HttpMethod.Get, "suppressions", b, null, cancellationToken);
        var liftedByB = await Send(rig, HttpMethod.Delete, "suppressions/ann%40example.org", b, null, cancellationToken);
        var liftedByA = await Send(rig, HttpMethod.Delete, "suppressions/ann%40example.org", a, null, cancellationToken);
        var afterLift = await Send(rig, HttpMethod.Get, "suppressions", a, null, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(added.Status, Is.EqualTo(201), added.Text);
            Assert.That(added.Json.GetProperty("address").GetString(), Is.EqualTo("Ann@example.org"), "the domain lower-cased");
            Assert.That(again.Status, Is.EqualTo(409));
            Assert.That(SettingsClient.Field(again.Json), Is.EqualTo("address"));
            var item = seenByA.Json.GetProperty("items")[0];
            Assert.That(item.GetProperty("address").GetString(), Is.EqualTo("Ann@example.org"));
            Assert.That(item.GetProperty("reason").GetString(), Is.EqualTo("manual"));
            Assert.That(item.GetProperty("note").GetString(), Is.EqualTo("asked by phone"));
            Assert.That(item.GetProperty("source").GetString(), Is.EqualTo("settings"));
            Assert.That(item.GetProperty("removable").GetBoolean(), Is.True);
            Assert.That(seenByB.Json.GetProperty("items").GetArrayLength(), Is.Zero, "portal B does not see portal A's entry");
            Assert.That(liftedByB.Status, Is.EqualTo(404), "nor lift it");
            Assert.That(liftedByA.Status, Is.EqualTo(204));
            Assert.That(afterLift.Json.GetProperty("items").GetArrayLength(), Is.Zero);
        });
    }

    [Test]
    public async Task Search_PagesByCursor_FiltersByPartAndReason_AndNeverLiftsAnUnsubscribe(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken);
        var a = rig.UiToken(1);
        await rig.SeedContactEmailAsync(1, 10, "gone@example.net");
        await rig.ExecuteAsync("INSERT INTO suppressions (address, reason, source, created_at) VALUES ('gone@example.net', 'unsubscribed', 'link', '2026-01-01T00:00:00Z')");
        foreach (var name in new[] { "b1", "b2", "b3" })
        {
            Assert.That((await Send(rig, HttpMethod.Post, "suppressions", a, $$"""{"address":"{{name}}@example.com"}""", cancellationToken)).Status, Is.EqualTo(201));
        }

        var first = await Send(rig, HttpMethod.Get, "suppressions?q=example.com&limit=2", a, null, cancellationToken);
        var next = await Send(rig, HttpMethod.Get, $"suppressions?q=example.com&limit=2&after={Uri.EscapeDataString(first.Json.GetProperty("nextAfter").GetString()!)}", a, null, cancellationToken);
        var unsubscribed = await Send(rig, HttpMethod.Get, "suppressions?reason=unsubscribed", a, null, cancellationToken);
        var lift = await Send(rig, HttpMethod.Delete, "suppressions/gone%40example.net", a, null, cancellationToken);
        var wildcard = await Send(rig, HttpMethod.Get, "suppressions?q=%25", a, null, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(Addresses(first.Json), Is.EqualTo(new[] { "b1@example.com", "b2@example.com" }));
            Assert.That(Addresses(next.Json), Is.EqualTo(new[] { "b3@example.com" }));
            Assert.That(next.Json.GetProperty("nextAfter").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(Addresses(unsubscribed.Json), Is.EqualTo(new[] { "gone@example.net" }), "the mirror's contact makes it the portal's to see");
            Assert.That(unsubscribed.Json.GetProperty("items")[0].GetProperty("removable").GetBoolean(), Is.False);
            Assert.That(lift.Status, Is.EqualTo(404), "an unsubscribe is the recipient's word");
            Assert.That(Addresses(wildcard.Json), Is.Empty, "% is a character of the search, not a wildcard");
        });
        Assert.That(await rig.CountAsync("SELECT count(*) FROM suppressions WHERE address = 'gone@example.net'"), Is.EqualTo(1));
    }

    [TestCase("""{"address":"not an address"}""", "address")]
    [TestCase("""{"address":""}""", "address")]
    [TestCase("""{"address":"x@example.com","note":"two\nlines"}""", "note")]
    [TestCase("""[1,2]""", "body")]
    [TestCase("""{"address":""", "body")]
    public async Task Add_RefusesBadInput_NamingTheField(string body, string field)
    {
        var cancellationToken = TestContext.CurrentContext.CancellationToken;
        await using var rig = await ApiRig.StartAsync(cancellationToken);
        var answer = await Send(rig, HttpMethod.Post, "suppressions", rig.UiToken(1), body, cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(400), answer.Text);
            Assert.That(SettingsClient.Field(answer.Json), Is.EqualTo(field));
        });
    }

    [TestCase("suppressions?limit=0", "limit")]
    [TestCase("suppressions?limit=201", "limit")]
    [TestCase("suppressions?reason=whatever", "reason")]
    public async Task Search_RefusesBadInput_NamingTheField(string path, string field)
    {
        var cancellationToken = TestContext.CurrentContext.CancellationToken;
        await using var rig = await ApiRig.StartAsync(cancellationToken);
        var answer = await Send(rig, HttpMethod.Get, path, rig.UiToken(1), null, cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(400), answer.Text);
            Assert.That(SettingsClient.Field(answer.Json), Is.EqualTo(field));
        });
    }

    [Test]
    public async Task Import_ReportsEachBadLineByNumber_AndKeepsTheGoodOnes(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken);
        var a = rig.UiToken(1);
        Assert.That((await Send(rig, HttpMethod.Post, "suppressions", a, """{"address":"old@example.com"}""", cancellationToken)).Status, Is.EqualTo(201));
        const string Csv = "email;note\r\none@example.com;from the fair\r\nnot-an-address;x\r\n\r\n\"two@example.com\";\r\nONE@example.com;again\r\nold@example.com;\r\nthree@Example.COM;\r\n";

        var import = await Import(rig, a, Csv, cancellationToken);
        var listed = await Send(rig, HttpMethod.Get, "suppressions", a, null, cancellationToken);
        var portalB = await Send(rig, HttpMethod.Get, "suppressions", rig.UiToken(2), null, cancellationToken);

        Assert.That(import.Status, Is.EqualTo(200), import.Text);
        var lines = import.Json.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("line").GetInt32(), l.GetProperty("reason").GetString())).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(import.Json.GetProperty("added").GetInt32(), Is.EqualTo(3));
            Assert.That(import.Json.GetProperty("skipped").GetInt32(), Is.EqualTo(3));
            Assert.That(lines, Is.EqualTo(new[] { (3, "syntax"), (6, "duplicate"), (7, "already_listed") }));
            Assert.That(Addresses(listed.Json), Is.EqualTo(new[] { "old@example.com", "one@example.com", "three@example.com", "two@example.com" }));
            Assert.That(listed.Json.GetProperty("items")[1].GetProperty("note").GetString(), Is.EqualTo("from the fair"));
            Assert.That(Addresses(portalB.Json), Is.Empty);
        });
    }

    [TestCase("", "file")]
    [TestCase("email\r\n", "file")]
    public async Task Import_RefusesAFileWithoutAddresses_NamingTheFile(string csv, string field)
    {
        var cancellationToken = TestContext.CurrentContext.CancellationToken;
        await using var rig = await ApiRig.StartAsync(cancellationToken);
        var answer = await Import(rig, rig.UiToken(1), csv, cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(400), answer.Text);
            Assert.That(SettingsClient.Field(answer.Json), Is.EqualTo(field));
        });
    }

    [Test]
    public async Task Import_RefusesTooLargeOrNotUtf8_NamingTheFile(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken);
        var big = await Import(rig, rig.UiToken(1), new string('a', 1024 * 1024 + 10), cancellationToken);
        using var http = rig.Client(rig.UiToken(1));
        using var latin1 = new ByteArrayContent([0x61, 0xE9, 0x40, 0x78, 0x2E, 0x72, 0x75]);
        using var notUtf8 = await http.PostAsync("api/ui/settings/suppressions/import", latin1, cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(big.Status, Is.EqualTo(413));
            Assert.That(SettingsClient.Field(big.Json), Is.EqualTo("file"));
            Assert.That((int)notUtf8.StatusCode, Is.EqualTo(400));
        });
    }

    [Test]
    public async Task Export_WritesThePortalsPart_AsCsv_WithFormulasNeutralised(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken);
        var a = rig.UiToken(1);
        await Send(rig, HttpMethod.Post, "suppressions", a, """{"address":"=cmd@example.com","note":"a, \"quoted\" note"}""", cancellationToken);
        await Send(rig, HttpMethod.Post, "suppressions", rig.UiToken(2), """{"address":"other@example.com"}""", cancellationToken);

        var export = await Send(rig, HttpMethod.Get, "suppressions/export", a, null, cancellationToken);
        var lines = export.Text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Multiple(() =>
        {
            Assert.That(export.Status, Is.EqualTo(200));
            Assert.That(export.Response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
            Assert.That(export.Response.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
            Assert.That(lines[0], Is.EqualTo("address,reason,source,note,created_at"));
            Assert.That(lines, Has.Length.EqualTo(2), "portal B's entry is not in portal A's export");
            Assert.That(lines[1], Does.StartWith("'=cmd@example.com,manual,settings,\"a, \"\"quoted\"\" note\","));
        });
    }

    private static Task<(int Status, JsonElement Json, string Text, HttpResponseMessage Response)> Send(
        ApiRig rig, HttpMethod method, string path, string? token, string? json, CancellationToken cancellationToken) =>
        SettingsClient.SendAsync(rig.Url, method, path, token, json, null, cancellationToken);

    private static Task<(int Status, JsonElement Json, string Text, HttpResponseMessage Response)> Import(ApiRig rig, string token, string csv, CancellationToken cancellationToken) =>
        SettingsClient.SendAsync(rig.Url, HttpMethod.Post, "suppressions/import", token, null, csv, cancellationToken);

    private static string[] Addresses(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("address").GetString()!)];
}
