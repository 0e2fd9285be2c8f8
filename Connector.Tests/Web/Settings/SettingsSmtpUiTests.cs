using Connector.Tests.Api;
using Connector.Tests.TestSupport;

namespace Connector.Tests.Web.Settings;

/// <summary>
/// The Settings page's SMTP section: the transports as configured (a password is "set", never shown) and the connection
/// test against an in-test SMTP listener — each step's result, AUTH accepted or refused, bounded when the server is silent.
/// </summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class SettingsSmtpUiTests
{
    private const string Password = "s3cret-Pa55word";

    [Test]
    public async Task Overview_ListsTheConfiguredTransports_WithoutThePassword(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken, new Dictionary<string, string?>
        {
            ["Smtp:User"] = "mailer", ["Smtp:Password"] = Password,
            ["Smtp:Transports:backup:Host"] = "relay.example.net", ["Smtp:Transports:backup:Port"] = "587", ["Smtp:Routes:*"] = "default,backup",
        });

        var overview = await SettingsClient.SendAsync(rig.Url, HttpMethod.Get, "smtp", rig.UiToken(1), cancellationToken: cancellationToken);
        var transports = overview.Json.GetProperty("transports").EnumerateArray().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(overview.Status, Is.EqualTo(200), overview.Text);
            Assert.That(overview.Text, Does.Not.Contain(Password));
            Assert.That(transports.Select(t => t.GetProperty("name").GetString()), Is.EqualTo(new[] { "default", "backup" }));
            Assert.That(transports[0].GetProperty("configKey").GetString(), Is.EqualTo("Smtp"));
            Assert.That(transports[0].GetProperty("user").GetString(), Is.EqualTo("mailer"));
            Assert.That(transports[0].GetProperty("hasPassword").GetBoolean(), Is.True);
            Assert.That(transports[1].GetProperty("configKey").GetString(), Is.EqualTo("Smtp:Transports:backup"));
            Assert.That(transports[1].GetProperty("port").GetInt32(), Is.EqualTo(587));
            Assert.That(overview.Json.GetProperty("routes")[0].GetProperty("senderDomain").GetString(), Is.EqualTo("*"));
        });
    }

    [TestCase(Password, "ok")]
    [TestCase("wrong", "failed")]
    public async Task Test_ConnectsGreetsAndAuthenticates_ReportingEachStep(string password, string auth)
    {
        var cancellationToken = TestContext.CurrentContext.CancellationToken;
        await using var smtp = new AuthSmtpListener("mailer", Password);
        await using var rig = await ApiRig.StartAsync(cancellationToken, new Dictionary<string, string?>
        {
            ["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp:User"] = "mailer", ["Smtp:Password"] = password,
        });

        var test = await SettingsClient.SendAsync(rig.Url, HttpMethod.Post, "smtp/default/test", rig.UiToken(1), "{}", cancellationToken: cancellationToken);
        var steps = test.Json.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("step").GetString()!, s => s.GetProperty("status").GetString());

        Assert.Multiple(() =>
        {
            Assert.That(test.Status, Is.EqualTo(200), test.Text);
            Assert.That(steps["connect"], Is.EqualTo("ok"));
            Assert.That(steps["greeting"], Is.EqualTo("ok"));
            Assert.That(steps["tls"], Is.EqualTo("skipped"), "Security=None");
            Assert.That(steps["auth"], Is.EqualTo(auth), test.Text);
            Assert.That(test.Json.GetProperty("ok").GetBoolean(), Is.EqualTo(auth == "ok"));
            Assert.That(test.Text, Does.Not.Contain(password));
            Assert.That(smtp.Lines, Has.Some.StartsWith("EHLO"));
            Assert.That(smtp.Lines, Has.None.StartsWith("MAIL"), "no message is sent");
            Assert.That(string.Join("\n", rig.Logs.Lines), Does.Not.Contain(password), "nor logged");
        });
    }

    [Test]
    public async Task Test_OfASilentServerOrAClosedPort_FailsWithinTheBound(CancellationToken cancellationToken)
    {
        await using var silent = new AuthSmtpListener("u", "p", silent: true);
        await using var rig = await ApiRig.StartAsync(cancellationToken, new Dictionary<string, string?>
        {
            ["Smtp:Port"] = silent.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp:Timeout"] = "00:00:01.500",
            ["Smtp:Transports:closed:Host"] = "127.0.0.1", ["Smtp:Transports:closed:Port"] = TestPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Transports:closed:Security"] = "None",
        });
        var token = rig.UiToken(1);

        var started = System.Diagnostics.Stopwatch.StartNew();
        var stalled = await SettingsClient.SendAsync(rig.Url, HttpMethod.Post, "smtp/default/test", token, "{}", cancellationToken: cancellationToken);
        var took = started.Elapsed;
        var closed = await SettingsClient.SendAsync(rig.Url, HttpMethod.Post, "smtp/closed/test", token, "{}", cancellationToken: cancellationToken);
        var unknown = await SettingsClient.SendAsync(rig.Url, HttpMethod.Post, "smtp/nowhere/test", token, "{}", cancellationToken: cancellationToken);
        var bad = await SettingsClient.SendAsync(rig.Url, HttpMethod.Post, "smtp/bad%20name/test", token, "{}", cancellationToken: cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(stalled.Status, Is.EqualTo(200), stalled.Text);
            Assert.That(stalled.Json.GetProperty("ok").GetBoolean(), Is.False);
            Assert.That(stalled.Json.GetProperty("steps")[1].GetProperty("detail").GetString(), Does.Contain("no answer within 1.5 s"));
            Assert.That(took, Is.LessThan(TimeSpan.FromSeconds(6)), "bounded by Smtp:Timeout (at most 10 s)");
            Assert.That(closed.Json.GetProperty("steps")[0].GetProperty("status").GetString(), Is.EqualTo("failed"));
            Assert.That(closed.Json.GetProperty("steps").GetArrayLength(), Is.EqualTo(1));
            Assert.That(unknown.Status, Is.EqualTo(404));
            Assert.That(SettingsClient.Field(unknown.Json), Is.EqualTo("name"));
            Assert.That(bad.Status, Is.EqualTo(400));
            Assert.That(SettingsClient.Field(bad.Json), Is.EqualTo("name"));
        });
    }
}
