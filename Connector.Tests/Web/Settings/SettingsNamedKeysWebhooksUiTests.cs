using System.Text.Json;
using Connector.Tests.Api;

namespace Connector.Tests.Web.Settings;

/// <summary>
/// Named API keys (a name required at creation, ≤ 100 characters, unique among a portal's live keys; old keys listed
/// without one) and webhooks added, edited and removed from the app with the CLI's checks (a 400 naming <c>url</c> or
/// <c>events</c>), the secret shown once, another portal's subscriber a 404; admins only.
/// </summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class SettingsNamedKeysWebhooksUiTests
{
    [Test]
    public async Task ApiKeys_NamedAtCreation_UniquePerPortal_OldKeysListedWithoutAName(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken);
        var (oldId, _) = await rig.CreateKeyAsync(1);
        var a = rig.UiToken(1);
        var created = await SettingsClient.SendAsync(rig.Url, HttpMethod.Post, "api-keys", a, """{"name": "  1C exchange "}""", cancellationToken: cancellationToken);
        var again = await SettingsClient.SendAsync(rig.Url, HttpMethod.Post, "api-keys", a, """{"name": "1C exchange"}""", cancellationToken: cancellationToken);
        var otherPortal = await SettingsClient.SendAsync(rig.Url, HttpMethod.Post, "api-keys", rig.UiToken(2), """{"name": "1C exchange"}""", cancellationToken: cancellationToken);
        var none = await SettingsClient.SendAsync(rig.Url, HttpMethod.Post, "api-keys", a, """{"name": "  "}""", cancellationToken: cancellationToken);
        var missing = await SettingsClient.SendAsync(rig.Url, HttpMethod.Post, "api-keys", a, "{}", cancellationToken: cancellationToken);
        var tooLong = await SettingsClient.SendAsync(rig.Url, HttpMethod.Post, "api-keys", a, JsonSerializer.Serialize(new { name = new string('k', 101) }), cancellationToken: cancellationToken);
        var lineBreak = await SettingsClient.SendAsync(rig.Url, HttpMethod.Post, "api-keys", a, """{"name": "a\nb"}""", cancellationToken: cancellationToken);
        var manager = await SettingsClient.SendAsync(rig.Url, HttpMethod.Post, "api-keys", rig.UiToken(1, isAdmin: false), """{"name": "x"}""", cancellationToken: cancellationToken);
        var id = created.Json.GetProperty("id").GetString()!;
        var revoked = await SettingsClient.SendAsync(rig.Url, HttpMethod.Delete, $"api-keys/{id}", a, cancellationToken: cancellationToken);
        var reused = await SettingsClient.SendAsync(rig.Url, HttpMethod.Post, "api-keys", a, """{"name": "1C exchange"}""", cancellationToken: cancellationToken);
        var list = await SettingsClient.SendAsync(rig.Url, HttpMethod.Get, "api-keys", a, cancellationToken: cancellationToken);
        var names = list.Json.EnumerateArray().ToDictionary(k => k.GetProperty("id").GetString()!, k => k.GetProperty("name"));

        Assert.Multiple(() =>
        {
            Assert.That(created.Status, Is.EqualTo(201), created.Text);
            Assert.That(created.Json.GetProperty("name").GetString(), Is.EqualTo("1C exchange"), "trimmed");
            Assert.That(again.Status, Is.EqualTo(409));
            Assert.That(SettingsClient.Field(again.Json), Is.EqualTo("name"));
            Assert.That(otherPortal.Status, Is.EqualTo(201), "names are unique per portal");
            Assert.That((none.Status, SettingsClient.Field(none.Json)), Is.EqualTo((400, "name")));
            Assert.That((missing.Status, SettingsClient.Field(missing.Json)), Is.EqualTo((400, "name")));
            Assert.That((tooLong.Status, SettingsClient.Field(tooLong.Json)), Is.EqualTo((400, "name")));
            Assert.That(tooLong.Json.GetProperty("detail").GetString(), Does.Contain("100"));
            Assert.That((lineBreak.Status, SettingsClient.Field(lineBreak.Json)), Is.EqualTo((400, "name")));
            Assert.That(manager.Status, Is.EqualTo(403));
            Assert.That(revoked.Status, Is.EqualTo(204));
            Assert.That(reused.Status, Is.EqualTo(201), "a revoked key's name may be given again");
            Assert.That(names[oldId].ValueKind, Is.EqualTo(JsonValueKind.Null), "a key made before names has none");
            Assert.That(names[id].GetString(), Is.EqualTo("1C exchange"));
            Assert.That(names, Has.Count.EqualTo(3), "portal B's key is not listed");
            Assert.That(rig.ErrorsWithExceptions, Is.Empty);
        });
    }

    [Test]
    public async Task Webhooks_AddedWithTheSecretOnce_Edited_Removed_OnlyByTheirPortal(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken);
        var a = rig.UiToken(1);
        var b = rig.UiToken(2);
        // A public address literal: the check resolves nothing over DNS.
        var added = await SettingsClient.SendAsync(rig.Url, HttpMethod.Post, "webhooks", a, """{"url": "https://93.184.215.14/hooks/crm", "events": ["sent", "OPENED", "sent"]}""", cancellationToken: cancellationToken);
        var id = added.Json.GetProperty("webhook").GetProperty("id").GetInt64();
        var secret = added.Json.GetProperty("secret").GetString()!;
        var listed = await SettingsClient.SendAsync(rig.Url, HttpMethod.Get, "webhooks", a, cancellationToken: cancellationToken);
        var editedByB = await SettingsClient.SendAsync(rig.Url, HttpMethod.Put, $"webhooks/{id}", b, """{"url": "https://93.184.215.14/b", "events": ["sent"]}""", cancellationToken: cancellationToken);
        var edited = await SettingsClient.SendAsync(rig.Url, HttpMethod.Put, $"webhooks/{id}", a, """{"url": "https://93.184.215.14/hooks/v2", "events": ["bounced", "complained"]}""", cancellationToken: cancellationToken);
        var keptSecret = await rig.CountAsync("SELECT COUNT(*) FROM webhook_subscribers WHERE id = @Id AND secret = @Secret", new { Id = id, Secret = secret });
        var removedByB = await SettingsClient.SendAsync(rig.Url, HttpMethod.Delete, $"webhooks/{id}", b, cancellationToken: cancellationToken);
        var manager = await SettingsClient.SendAsync(rig.Url, HttpMethod.Delete, $"webhooks/{id}", rig.UiToken(1, isAdmin: false), cancellationToken: cancellationToken);
        var removed = await SettingsClient.SendAsync(rig.Url, HttpMethod.Delete, $"webhooks/{id}", a, cancellationToken: cancellationToken);
        var gone = await SettingsClient.SendAsync(rig.Url, HttpMethod.Delete, $"webhooks/{id}", a, cancellationToken: cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(added.Status, Is.EqualTo(201), added.Text);
            Assert.That(secret, Does.StartWith("whsec_"));
            Assert.That(added.Json.GetProperty("webhook").GetProperty("events").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "sent", "opened" }));
            Assert.That(listed.Text, Does.Contain("https://93.184.215.14/hooks/crm").And.Not.Contain(secret), "the secret is shown once");
            Assert.That(editedByB.Status, Is.EqualTo(404));
            Assert.That(edited.Status, Is.EqualTo(200), edited.Text);
            Assert.That(edited.Json.GetProperty("url").GetString(), Is.EqualTo("https://93.184.215.14/hooks/v2"));
            Assert.That(edited.Json.GetProperty("events").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "bounced", "complained" }));
            Assert.That(keptSecret, Is.EqualTo(1), "an edit keeps the secret");
            Assert.That(removedByB.Status, Is.EqualTo(404));
            Assert.That(manager.Status, Is.EqualTo(403));
            Assert.That(removed.Status, Is.EqualTo(204));
            Assert.That(gone.Status, Is.EqualTo(404));
            Assert.That(rig.ErrorsWithExceptions, Is.Empty);
        });
    }

    [TestCase("""{"url": "ftp://93.184.215.14/x", "events": ["sent"]}""", "url", "http(s) URL", TestName = "NotHttp")]
    [TestCase("""{"url": "https://user:pw@93.184.215.14/x", "events": ["sent"]}""", "url", "no user info", TestName = "UserInfo")]
    [TestCase("""{"url": "https://10.1.2.3/x", "events": ["sent"]}""", "url", "private", TestName = "PrivateAddress")]
    [TestCase("""{"url": "http://127.0.0.1:9/x", "events": ["sent"]}""", "url", "loopback", TestName = "Loopback")]
    [TestCase("""{"url": "", "events": ["sent"]}""", "url", "required", TestName = "NoUrl")]
    [TestCase("""{"url": "https://93.184.215.14/x", "events": ["sent", "read"]}""", "events", "'read' is not one of", TestName = "UnknownEvent")]
    [TestCase("""{"url": "https://93.184.215.14/x", "events": []}""", "events", "at least one", TestName = "NoEvents")]
    public async Task Webhooks_RefusedAsTheCliRefuses_NamingTheField(string body, string field, string detail)
    {
        var cancellationToken = TestContext.CurrentContext.CancellationToken;
        await using var rig = await ApiRig.StartAsync(cancellationToken);
        var answer = await SettingsClient.SendAsync(rig.Url, HttpMethod.Post, "webhooks", rig.UiToken(1), body, cancellationToken: cancellationToken);
        Assert.Multiple(async () =>
        {
            Assert.That(answer.Status, Is.EqualTo(400), answer.Text);
            Assert.That(SettingsClient.Field(answer.Json), Is.EqualTo(field));
            Assert.That(answer.Json.GetProperty("detail").GetString(), Does.Contain(detail));
            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM webhook_subscribers"), Is.Zero);
        });
    }
}
