using Connector.Tests.Api;

namespace Connector.Tests.Web.Settings;

/// <summary>
/// The Settings page's API keys (create shows the key once, the list never does, revoke) and webhooks with their delivery
/// log — each the caller's portal's only; the signing secret is never returned.
/// </summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class SettingsKeysUiTests
{
    [Test]
    public async Task ApiKeys_CreatedOnceShown_ListedByPrefix_RevokedOnlyByTheirPortal(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken);
        var a = rig.UiToken(1);
        var b = rig.UiToken(2);
        await rig.CreateKeyAsync(2);

        var created = await SettingsClient.SendAsync(rig.Url, HttpMethod.Post, "api-keys", a, """{"name": "CRM import"}""", cancellationToken: cancellationToken);
        var key = created.Json.GetProperty("key").GetString()!;
        var id = created.Json.GetProperty("id").GetString()!;
        var listed = await SettingsClient.SendAsync(rig.Url, HttpMethod.Get, "api-keys", a, cancellationToken: cancellationToken);
        using var api = rig.Client(key);
        using var works = await api.GetAsync("api/v1/suppressions", cancellationToken);
        var revokedByB = await SettingsClient.SendAsync(rig.Url, HttpMethod.Delete, $"api-keys/{id}", b, cancellationToken: cancellationToken);
        var revoked = await SettingsClient.SendAsync(rig.Url, HttpMethod.Delete, $"api-keys/{id}", a, cancellationToken: cancellationToken);
        var again = await SettingsClient.SendAsync(rig.Url, HttpMethod.Delete, $"api-keys/{id}", a, cancellationToken: cancellationToken);
        using var refused = await api.GetAsync("api/v1/suppressions", cancellationToken);
        var after = await SettingsClient.SendAsync(rig.Url, HttpMethod.Get, "api-keys", a, cancellationToken: cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(created.Status, Is.EqualTo(201), created.Text);
            Assert.That(key, Does.StartWith("ceb_" + id));
            Assert.That(listed.Json.GetArrayLength(), Is.EqualTo(1), "portal B's key is not listed");
            Assert.That(listed.Json[0].GetProperty("prefix").GetString(), Is.EqualTo("ceb_" + id));
            Assert.That(listed.Text, Does.Not.Contain(key), "the key is shown once, at creation");
            Assert.That((int)works.StatusCode, Is.EqualTo(200));
            Assert.That(revokedByB.Status, Is.EqualTo(404));
            Assert.That(SettingsClient.Field(revokedByB.Json), Is.EqualTo("id"));
            Assert.That(revoked.Status, Is.EqualTo(204));
            Assert.That(again.Status, Is.EqualTo(404));
            Assert.That((int)refused.StatusCode, Is.EqualTo(401));
            Assert.That(after.Json[0].GetProperty("revokedAt").GetString(), Is.Not.Null);
        });
    }

    [Test]
    public async Task Webhooks_ListedWithoutSecret_TheirLogOnlyForTheirPortal(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken);
        const string Secret = "whsec_c2VjcmV0LXNpZ25pbmcta2V5LTEyMzQ1Ng==";
        await rig.ExecuteAsync($"""
            INSERT INTO webhook_subscribers (id, portal_id, url, events, secret, state, created_at, updated_at) VALUES
              (1, 1, 'https://hooks.example.com/a', 'sent,opened', '{Secret}', 'active', '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z'),
              (2, 2, 'https://hooks.example.com/b', 'sent', '{Secret}', 'disabled', '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z');
            INSERT INTO webhook_deliveries (id, subscriber_id, event_id, type, body, state, attempts, next_attempt_at, created_at, updated_at) VALUES
              (1, 1, 'evt_1', 'sent', '[]', 'delivered', 2, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z');
            INSERT INTO webhook_attempts (delivery_id, subscriber_id, status_code, error, at) VALUES
              (1, 1, NULL, 'connection refused', '2026-12-01T00:00:01Z'), (1, 1, 200, NULL, '2026-12-01T00:01:00Z');
            """);
        var a = rig.UiToken(1);

        var list = await SettingsClient.SendAsync(rig.Url, HttpMethod.Get, "webhooks", a, cancellationToken: cancellationToken);
        var log = await SettingsClient.SendAsync(rig.Url, HttpMethod.Get, "webhooks/1/log", a, cancellationToken: cancellationToken);
        var foreign = await SettingsClient.SendAsync(rig.Url, HttpMethod.Get, "webhooks/2/log", a, cancellationToken: cancellationToken);
        var bad = await SettingsClient.SendAsync(rig.Url, HttpMethod.Get, "webhooks/x/log", a, cancellationToken: cancellationToken);
        var badLimit = await SettingsClient.SendAsync(rig.Url, HttpMethod.Get, "webhooks/1/log?limit=0", a, cancellationToken: cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(list.Status, Is.EqualTo(200), list.Text);
            Assert.That(list.Json.GetArrayLength(), Is.EqualTo(1));
            Assert.That(list.Json[0].GetProperty("url").GetString(), Is.EqualTo("https://hooks.example.com/a"));
            Assert.That(list.Text, Does.Not.Contain("whsec_").And.Not.Contain("secret"));
            Assert.That(log.Json.GetArrayLength(), Is.EqualTo(2));
            Assert.That(log.Json[0].GetProperty("statusCode").GetInt64(), Is.EqualTo(200), "newest first");
            Assert.That(log.Json[1].GetProperty("error").GetString(), Is.EqualTo("connection refused"));
            Assert.That(foreign.Status, Is.EqualTo(404), "another portal's webhook");
            Assert.That(SettingsClient.Field(bad.Json), Is.EqualTo("id"));
            Assert.That(SettingsClient.Field(badLimit.Json), Is.EqualTo("limit"));
        });
    }
}
