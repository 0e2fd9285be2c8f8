using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connector.Sandbox;
using Connector.Sandbox.Portal;

namespace Connector.Tests.Sandbox;

/// <summary>
/// The sandbox's portal page (<c>/sandbox/portal</c>): hidden until the app's install is finished; then a frame named
/// <c>DOMAIN|PROTOCOL|APP_SID</c> and the placement form posted into it, with tokens of the chosen viewer, the chosen
/// language and record, and no APPLICATION_TOKEN; what getInitData answers carries the same values.
/// </summary>
[CancelAfter(60_000)]
public sealed partial class SandboxPortalPageTests
{
    [Test]
    public async Task PortalPage_BeforeTheInstallIsFinished_Answers503AndReloads(CancellationToken cancellationToken)
    {
        await using var rig = await SandboxAppRig.StartAsync();

        using var page = await rig.Http.GetAsync(new Uri(rig.Sandbox.Host.BaseUrl, "sandbox/portal?lang=en"), cancellationToken);
        var html = await page.Content.ReadAsStringAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(page.Headers.GetValues("Refresh").Single(), Is.EqualTo("2"));
            Assert.That(html, Does.Contain("being installed"));
            Assert.That(html, Does.Not.Contain("<iframe"));
        });
    }

    [Test]
    public async Task PortalPage_ContactCardAsAManagerInEnglish_PostsThatViewersFormIntoTheNamedFrame(CancellationToken cancellationToken)
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var install = await rig.InstallAsync();
        await rig.CallAsync("placement.bind", new { PLACEMENT = SandboxPortalPage.ContactTab, HANDLER = rig.App.Url("tab").ToString(), TITLE = "t" }, install.AccessToken);
        var contact = rig.Portal.Contacts[2];
        var host = rig.Sandbox.Host.BaseUrl;

        using var page = await rig.Http.GetAsync(new Uri(host, $"sandbox/portal?view=contact&contact={contact.Id}&user={SandboxUsers.ManagerId}&lang=en"), cancellationToken);
        var html = await page.Content.ReadAsStringAsync(cancellationToken);
        var form = PlacementForm().Match(html);
        var fields = Hidden().Matches(form.Groups["fields"].Value).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        var frameName = WebUtility.HtmlDecode(FrameName().Match(html).Groups[1].Value);
        var init = JsonDocument.Parse(FramesJson().Match(html).Groups[1].Value).RootElement[0].GetProperty("init");
        var (_, viewer) = await rig.CallAsync("user.current", new { }, fields["AUTH_ID"]);

        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(page.Headers.CacheControl?.NoStore, Is.True, "the page carries tokens");
            Assert.That(frameName, Does.Match($"^{Regex.Escape(host.Authority)}\\|0\\|[0-9a-f]{{32}}$"));
            Assert.That(WebUtility.HtmlDecode(form.Groups["target"].Value), Is.EqualTo(frameName));
            Assert.That(WebUtility.HtmlDecode(form.Groups["action"].Value), Does.StartWith(rig.App.Url("tab").ToString() + "?DOMAIN=")
                .And.Contain("&LANG=en&APP_SID=" + frameName.Split('|')[2]));
            Assert.That(fields.Keys, Is.SupersetOf(new[] { "AUTH_ID", "AUTH_EXPIRES", "REFRESH_ID", "member_id", "status", "PLACEMENT", "PLACEMENT_OPTIONS" }));
            Assert.That(fields.Keys, Does.Not.Contain("APPLICATION_TOKEN"));
            Assert.That(fields["PLACEMENT"], Is.EqualTo(SandboxPortalPage.ContactTab));
            Assert.That(fields["PLACEMENT_OPTIONS"], Is.EqualTo($"{{\"ID\":\"{contact.Id}\"}}"));
            Assert.That(viewer["result"]!["ID"]!.GetValue<string>(), Is.EqualTo("7"), "the tokens are the manager's");
            Assert.That(init.GetProperty("AUTH_ID").GetString(), Is.EqualTo(fields["AUTH_ID"]), "getInitData hands the SDK the posted tokens");
            Assert.That(init.GetProperty("IS_ADMIN").GetBoolean(), Is.False);
            Assert.That(init.GetProperty("PLACEMENT_OPTIONS").GetProperty("ID").GetString(), Is.EqualTo(contact.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(init.GetProperty("DOMAIN").GetString(), Is.EqualTo(host.Authority), "the SDK's origin check compares http://DOMAIN with the portal's origin");
            Assert.That(html, Does.Contain("<html lang=\"en\">"));
        });
    }

    [GeneratedRegex("<form data-placement method=\"post\" action=\"(?<action>[^\"]+)\" target=\"(?<target>[^\"]+)\" hidden>(?<fields>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex PlacementForm();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex Hidden();

    [GeneratedRegex("<iframe id=\"app-frame\" name=\"([^\"]+)\"")]
    private static partial Regex FrameName();

    [GeneratedRegex("<script type=\"application/json\" id=\"sandbox-frames\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex FramesJson();
}
