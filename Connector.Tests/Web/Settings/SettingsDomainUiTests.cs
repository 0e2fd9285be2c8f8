using System.Text.Json;
using Connector.Domains;
using Connector.Tests.Api;
using Connector.Tests.Domains;

namespace Connector.Tests.Web.Settings;

/// <summary>
/// The Settings page's domain section against dnsmasq with a test zone: the DKIM records of the configured keys (public
/// keys only), and the domain check per record with pass, warn or fail and the fix; a bad domain is a 400 naming it.
/// </summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class SettingsDomainUiTests
{
    [Test]
    public async Task Overview_GivesTheRecordsToPublish_AndTheCheckGradesEachRecord(CancellationToken cancellationToken)
    {
        await using var keys = await ApiRig.StartAsync(cancellationToken);
        var records = PublishedDkimKeys.Read("example.com", keys.KeyFolder);
        var rsa = records.Single(r => r.Selector.StartsWith("rsa-", StringComparison.Ordinal));
        await using var dns = await Dnsmasq.StartAsync([
            "local=/example.com/",
            Dnsmasq.Txt("example.com", "v=spf1 ip4:192.0.2.10 -all"),
            Dnsmasq.Txt(rsa.Name, rsa.Value),
        ]);
        await using var rig = await ApiRig.StartAsync(cancellationToken, new Dictionary<string, string?> { ["Dns:Servers"] = dns.Server, ["Dns:Timeout"] = "00:00:01" },
            keyFolder: keys.KeyFolder);
        var token = rig.UiToken(1);

        var overview = await SettingsClient.SendAsync(rig.Url, HttpMethod.Get, "domain", token, cancellationToken: cancellationToken);
        var check = await SettingsClient.SendAsync(rig.Url, HttpMethod.Get, "domain/check?domain=Example.COM.", token, cancellationToken: cancellationToken);
        var lines = check.Json.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("check").GetString()!, c => c);

        Assert.Multiple(() =>
        {
            Assert.That(overview.Status, Is.EqualTo(200), overview.Text);
            Assert.That(overview.Json.GetProperty("domain").GetString(), Is.EqualTo("example.com"));
            Assert.That(overview.Json.GetProperty("bounceDomain").GetString(), Is.EqualTo("bounces.example.com"));
            var published = overview.Json.GetProperty("keys").EnumerateArray().Select(k => (k.GetProperty("algorithm").GetString(), k.GetProperty("name").GetString(), k.GetProperty("value").GetString())).ToList();
            Assert.That(published, Does.Contain(("rsa", rsa.Name, rsa.Value)));
            Assert.That(published.Select(p => p.Item1), Is.EquivalentTo(new[] { "rsa", "ed25519" }));
            Assert.That(overview.Text, Does.Not.Contain("PRIVATE"), "never a private key");
            Assert.That(check.Status, Is.EqualTo(200), check.Text);
            Assert.That(check.Json.GetProperty("domain").GetString(), Is.EqualTo("example.com"));
            Assert.That(check.Json.GetProperty("status").GetString(), Is.EqualTo("fail"));
            Assert.That(lines["spf"].GetProperty("status").GetString(), Is.EqualTo("pass"));
            Assert.That(lines["spf"].GetProperty("fix").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(lines[$"dkim:{rsa.Selector}"].GetProperty("status").GetString(), Is.EqualTo("pass"));
            Assert.That(lines.Single(l => l.Key.StartsWith("dkim:ed25519", StringComparison.Ordinal)).Value.GetProperty("status").GetString(), Is.EqualTo("warn"));
            Assert.That(lines["dmarc"].GetProperty("status").GetString(), Is.EqualTo("fail"));
            Assert.That(lines["dmarc"].GetProperty("fix").GetString(), Does.Contain("_dmarc.example.com"));
        });
    }

    [TestCase("domain/check?domain=not%20a%20domain")]
    [TestCase("domain/check?domain=exa%0Dmple.com")]
    [TestCase("domain/check?domain=nodot")]
    public async Task Check_RefusesABadDomain_NamingTheField(string path)
    {
        var cancellationToken = TestContext.CurrentContext.CancellationToken;
        await using var rig = await ApiRig.StartAsync(cancellationToken);
        var answer = await SettingsClient.SendAsync(rig.Url, HttpMethod.Get, path, rig.UiToken(1), cancellationToken: cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(400), answer.Text);
            Assert.That(SettingsClient.Field(answer.Json), Is.EqualTo("domain"));
        });
    }
}
