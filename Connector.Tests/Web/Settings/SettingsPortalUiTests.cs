using System.Text.Json;
using Connector.Tests.Api;

namespace Connector.Tests.Web.Settings;

/// <summary>
/// <c>/api/ui/settings/portal</c>: a portal's own sending settings over configuration — set, shown with where each
/// value comes from, every change recorded with who and when, unset back to configuration; the other portal untouched;
/// each rule refused with a 400 naming the field; admins only.
/// </summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class SettingsPortalUiTests
{
    private static readonly Dictionary<string, string?> Configured = new() { ["Sending:FrequencyCap:PerWeek"] = "5", ["Tracking:Opens"] = "True" };

    [Test]
    public async Task Portal_SetsItsOwnValues_ShownWithTheirSource_ChangesRecorded_OtherPortalUntouched(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken, Configured);
        await rig.ExecuteAsync("""
            INSERT INTO users (portal_id, crm_id, name, last_name, active, synced_at) VALUES (1, 1, 'Anna', 'Petrova', 1, '2026-12-01T00:00:00Z')
            """);
        var a = rig.UiToken(1);
        var before = await SettingsClient.SendAsync(rig.Url, HttpMethod.Get, "portal", a, cancellationToken: cancellationToken);
        var saved = await SettingsClient.SendAsync(rig.Url, HttpMethod.Put, "portal", a, """
            {"values": {"frequencyPerDay": "2", "quietHoursStart": "21:00", "quietHoursEnd": "09:00", "quietHoursTimeZone": "Europe/Moscow", "trackOpens": false}}
            """, cancellationToken: cancellationToken);
        var unset = await SettingsClient.SendAsync(rig.Url, HttpMethod.Put, "portal", a, """{"values": {"trackOpens": null}}""", cancellationToken: cancellationToken);
        var b = await SettingsClient.SendAsync(rig.Url, HttpMethod.Get, "portal", rig.UiToken(2), cancellationToken: cancellationToken);
        var stored = await rig.CountAsync("SELECT COUNT(*) FROM portal_settings WHERE portal_id = 1");
        var savedSettings = Settings(saved.Json);
        var unsetSettings = Settings(unset.Json);
        var changes = unset.Json.GetProperty("changes").EnumerateArray().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(before.Status, Is.EqualTo(200), before.Text);
            Assert.That(Settings(before.Json)["frequencyPerWeek"].GetProperty("source").GetString(), Is.EqualTo("configuration"));
            Assert.That(Settings(before.Json)["frequencyPerWeek"].GetProperty("effective").GetString(), Is.EqualTo("5"));
            Assert.That(Settings(before.Json)["trackOpens"].GetProperty("configured").GetString(), Is.EqualTo("true"), "True in configuration reads as true");
            Assert.That(Settings(before.Json)["frequencyPerDay"].GetProperty("source").GetString(), Is.EqualTo("default"));
            Assert.That(saved.Status, Is.EqualTo(200), saved.Text);
            Assert.That(savedSettings["frequencyPerDay"].GetProperty("value").GetString(), Is.EqualTo("2"));
            Assert.That(savedSettings["frequencyPerDay"].GetProperty("source").GetString(), Is.EqualTo("portal"));
            Assert.That(savedSettings["frequencyPerDay"].GetProperty("updatedByName").GetString(), Is.EqualTo("Anna Petrova"));
            Assert.That(savedSettings["quietHoursTimeZone"].GetProperty("effective").GetString(), Is.EqualTo("Europe/Moscow"));
            Assert.That(savedSettings["trackOpens"].GetProperty("effective").GetString(), Is.EqualTo("false"));
            Assert.That(unsetSettings["trackOpens"].GetProperty("source").GetString(), Is.EqualTo("configuration"), "null puts it back to configuration");
            Assert.That(stored, Is.EqualTo(4));
            Assert.That(changes, Has.Count.EqualTo(6), "five set, one unset");
            Assert.That(changes[0].GetProperty("field").GetString(), Is.EqualTo("trackOpens"));
            Assert.That(changes[0].GetProperty("oldValue").GetString(), Is.EqualTo("false"));
            Assert.That(changes[0].GetProperty("newValue").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(changes[0].GetProperty("by").GetInt64(), Is.EqualTo(1));
            Assert.That(changes[0].GetProperty("byName").GetString(), Is.EqualTo("Anna Petrova"));
            Assert.That(b.Json.GetProperty("changes").GetArrayLength(), Is.Zero, "portal B sees none of A's changes");
            Assert.That(Settings(b.Json)["frequencyPerDay"].GetProperty("source").GetString(), Is.EqualTo("default"));
        });
    }

    [TestCase("""{"values": {"frequencyPerDay": "6"}}""", "frequencyPerDay", "above the per-week cap", TestName = "PerDayAbovePerWeek")]
    [TestCase("""{"values": {"frequencyPerWeek": "1", "frequencyPerDay": "2"}}""", "frequencyPerDay", "above the per-week cap", TestName = "PerDayAbovePerWeekBothGiven")]
    [TestCase("""{"values": {"frequencyPerDay": "-1"}}""", "frequencyPerDay", "whole number", TestName = "NegativeCap")]
    [TestCase("""{"values": {"frequencyPerWeek": "10001"}}""", "frequencyPerWeek", "whole number", TestName = "CapTooLarge")]
    [TestCase("""{"values": {"quietHoursStart": "22:00", "quietHoursEnd": "22:00"}}""", "quietHoursEnd", "cannot end when they start", TestName = "QuietStartEqualsEnd")]
    [TestCase("""{"values": {"quietHoursStart": "22:00"}}""", "quietHoursEnd", "together", TestName = "QuietStartWithoutEnd")]
    [TestCase("""{"values": {"quietHoursStart": "22:00", "quietHoursEnd": ""}}""", "quietHoursEnd", "both a start and an end", TestName = "QuietEndEmpty")]
    [TestCase("""{"values": {"quietHoursStart": "25:00", "quietHoursEnd": "07:00"}}""", "quietHoursStart", "HH:mm", TestName = "QuietBadTime")]
    [TestCase("""{"values": {"quietHoursTimeZone": "Mars/Olympus"}}""", "quietHoursTimeZone", "unknown time zone", TestName = "UnknownTimeZone")]
    [TestCase("""{"values": {"trackClicks": "maybe"}}""", "trackClicks", "true or false", TestName = "SwitchNotABoolean")]
    [TestCase("""{"values": {"warmUp": "1"}}""", "warmUp", "not a setting", TestName = "UnknownField")]
    [TestCase("""{"values": {}}""", "values", "at least one", TestName = "NothingToChange")]
    [TestCase("""[1]""", "body", "JSON object", TestName = "NotAnObject")]
    public async Task Portal_RefusesWhatTheRulesRefuse_NamingTheField(string body, string field, string detail)
    {
        var cancellationToken = TestContext.CurrentContext.CancellationToken;
        await using var rig = await ApiRig.StartAsync(cancellationToken, Configured);
        var answer = await SettingsClient.SendAsync(rig.Url, HttpMethod.Put, "portal", rig.UiToken(1), body, cancellationToken: cancellationToken);
        Assert.Multiple(async () =>
        {
            Assert.That(answer.Status, Is.EqualTo(400), answer.Text);
            Assert.That(SettingsClient.Field(answer.Json), Is.EqualTo(field));
            Assert.That(answer.Json.GetProperty("detail").GetString(), Does.Contain(detail));
            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM portal_settings"), Is.Zero, "nothing stored");
            Assert.That(rig.ErrorsWithExceptions, Is.Empty);
        });
    }

    [Test]
    public async Task Portal_IsForAdminsOnly(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken);
        var none = await SettingsClient.SendAsync(rig.Url, HttpMethod.Get, "portal", null, cancellationToken: cancellationToken);
        var manager = await SettingsClient.SendAsync(rig.Url, HttpMethod.Put, "portal", rig.UiToken(1, isAdmin: false), """{"values": {"frequencyPerDay": "1"}}""", cancellationToken: cancellationToken);
        Assert.Multiple(async () =>
        {
            Assert.That(none.Status, Is.EqualTo(401));
            Assert.That(manager.Status, Is.EqualTo(403));
            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM portal_settings"), Is.Zero);
        });
    }

    private static Dictionary<string, JsonElement> Settings(JsonElement view) =>
        view.GetProperty("settings").EnumerateArray().ToDictionary(s => s.GetProperty("field").GetString()!, s => s);
}
