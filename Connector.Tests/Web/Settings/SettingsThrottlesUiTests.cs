using Connector.Tests.Api;

namespace Connector.Tests.Web.Settings;

/// <summary>The throttles and privacy section: the effective configuration, read-only, each value with its key; no secret.</summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class SettingsThrottlesUiTests
{
    [Test]
    public async Task Throttles_ShowTheEffectiveConfiguration_WithTheirKeys_AndNoSecret(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken, new Dictionary<string, string?>
        {
            ["Sending:FrequencyCap:PerDay"] = "2", ["Sending:WarmUp:Domains:example.com:FirstDay"] = "500", ["Sending:DomainRates:gmail.com"] = "10",
            ["Tracking:SigningKey"] = "c3VwZXJzZWNyZXRzaWduaW5na2V5MDEyMzQ1Njc4OQ==",
        });

        var answer = await SettingsClient.SendAsync(rig.Url, HttpMethod.Get, "throttles", rig.UiToken(1), cancellationToken: cancellationToken);
        var settings = answer.Json.EnumerateArray().SelectMany(g => g.GetProperty("settings").EnumerateArray())
            .ToDictionary(s => s.GetProperty("key").GetString()!, s => s.GetProperty("value").GetString());

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(200), answer.Text);
            Assert.That(settings["Sending:FrequencyCap:PerDay"], Is.EqualTo("2"));
            Assert.That(settings["Sending:FrequencyCap:PerWeek"], Is.Null, "unset: the default applies");
            Assert.That(settings["Sending:WarmUp:Domains:example.com:FirstDay"], Is.EqualTo("500"));
            Assert.That(settings["Sending:DomainRates:gmail.com"], Is.EqualTo("10"));
            Assert.That(answer.Text, Does.Not.Contain("c3VwZXJzZWNyZXRzaWduaW5na2V5"));
        });
    }
}
