using System.Net;
using Connector.Sandbox;

namespace Connector.Tests.Sandbox;

[CancelAfter(120_000)]
public sealed class SandboxInstallTests
{
    [Test]
    public async Task InstallAsync_InstallerPage_PostsDocumentedFieldsAndNeedsInstallFinish()
    {
        await using var rig = await SandboxAppRig.StartAsync();
        rig.App.ResponseBody = "<html><body>ready</body></html>";

        var unfinished = await rig.Portal.InstallAsync(rig.App.Url("install"), SandboxInstallMode.InstallerPage, TestContext.CurrentContext.CancellationToken);
        rig.App.ResponseBody = "<script>BX24.init(function(){ BX24.installFinish(); });</script>";
        var finished = await rig.Portal.InstallAsync(rig.App.Url("install"), SandboxInstallMode.InstallerPage, TestContext.CurrentContext.CancellationToken);

        var post = rig.App.Posts[^1];
        Assert.Multiple(() =>
        {
            Assert.That(unfinished.Installed, Is.False);
            Assert.That(finished.Installed, Is.True);
            Assert.That(rig.Portal.Installed, Is.True);
            Assert.That(post.ContentType, Does.StartWith("application/x-www-form-urlencoded"));
            Assert.That(post.Query.Keys, Is.EquivalentTo(new[] { "DOMAIN", "PROTOCOL", "LANG", "APP_SID" }));
            Assert.That(post.Query["PROTOCOL"], Is.EqualTo("0"));
            Assert.That($"http://{post.Query["DOMAIN"]}/rest/", Is.EqualTo(rig.Portal.ClientEndpoint.ToString()));
            Assert.That(post.Form.Keys, Is.EquivalentTo(new[]
            {
                "AUTH_ID", "AUTH_EXPIRES", "REFRESH_ID", "SERVER_ENDPOINT", "APPLICATION_TOKEN", "APPLICATION_SCOPE",
                "member_id", "status", "PLACEMENT", "PLACEMENT_OPTIONS",
            }));
            Assert.That(post.Form["AUTH_ID"], Is.EqualTo(finished.AccessToken));
            Assert.That(post.Form["REFRESH_ID"], Is.EqualTo(finished.RefreshToken));
            Assert.That(post.Form["AUTH_EXPIRES"], Is.EqualTo("3600"));
            Assert.That(post.Form["SERVER_ENDPOINT"], Is.EqualTo($"{rig.Sandbox.Host.OAuthServer}/rest/"));
            Assert.That(post.Form["APPLICATION_SCOPE"], Is.EqualTo("crm,placement,user_brief,bizproc"));
            Assert.That(post.Form["status"], Is.EqualTo("L"));
            Assert.That(post.Form["PLACEMENT"], Is.EqualTo("DEFAULT"));
            Assert.That(post.Form["APPLICATION_TOKEN"], Is.EqualTo(unfinished.ApplicationToken), "stable across re-installs");
        });
    }

    [Test]
    public async Task InstallAsync_InstallEvent_PostsOnAppInstallWithBracketKeys()
    {
        await using var rig = await SandboxAppRig.StartAsync();

        var result = await rig.Portal.InstallAsync(rig.App.Url("install"), SandboxInstallMode.InstallEvent, TestContext.CurrentContext.CancellationToken);

        var form = rig.App.Posts[^1].Form;
        Assert.Multiple(() =>
        {
            Assert.That(result.Installed, Is.True);
            Assert.That(rig.Portal.ApplicationToken, Is.EqualTo(result.ApplicationToken));
            Assert.That(form.Keys, Is.EquivalentTo(new[]
            {
                "event", "data[VERSION]", "data[ACTIVE]", "data[INSTALLED]", "data[LANGUAGE_ID]", "ts",
                "auth[access_token]", "auth[expires]", "auth[expires_in]", "auth[scope]", "auth[domain]", "auth[server_endpoint]",
                "auth[status]", "auth[client_endpoint]", "auth[member_id]", "auth[user_id]", "auth[refresh_token]", "auth[application_token]",
            }));
            Assert.That(form["event"], Is.EqualTo("ONAPPINSTALL"));
            Assert.That(form["auth[access_token]"], Is.EqualTo(result.AccessToken));
            Assert.That(form["auth[refresh_token]"], Is.EqualTo(result.RefreshToken));
            Assert.That(form["auth[application_token]"], Is.EqualTo(result.ApplicationToken));
            Assert.That(form["auth[client_endpoint]"], Is.EqualTo(rig.Portal.ClientEndpoint.ToString()));
            Assert.That(form["auth[expires]"], Is.EqualTo(SandboxTestHost.Start.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task InstallAsync_TwoSandboxesWithTheSameSeed_DifferentTokensSameDemoDataAndMemberId(CancellationToken cancellationToken)
    {
        var options = new SandboxOptions { Seed = 42, Contacts = 20, Deals = 8 };
        await using var first = await SandboxAppRig.StartAsync(options);
        await using var second = await SandboxAppRig.StartAsync(options);

        var a = await first.Portal.InstallAsync(first.App.Url("install"), SandboxInstallMode.InstallEvent, cancellationToken);
        var b = await second.Portal.InstallAsync(second.App.Url("install"), SandboxInstallMode.InstallEvent, cancellationToken);
        var (_, refreshed) = await first.RefreshAsync(a.RefreshToken);

        string[] secrets = [a.ApplicationToken, a.AccessToken, a.RefreshToken, b.ApplicationToken, b.AccessToken, b.RefreshToken,
            refreshed["access_token"]!.GetValue<string>(), refreshed["refresh_token"]!.GetValue<string>()];
        Assert.Multiple(() =>
        {
            Assert.That(a.Installed && b.Installed, Is.True);
            Assert.That(secrets, Is.Unique, "tokens come from the CSPRNG, not from the seed");
            Assert.That(secrets, Has.All.Match("^[0-9a-f]{32}$"));
            Assert.That(second.Portal.Options.MemberId, Is.EqualTo(first.Portal.Options.MemberId), "member_id names the demo portal");
            Assert.That(second.Portal.Contacts.Select(c => (c.Id, c.Name, c.LastName, string.Join(',', c.Emails.Select(e => e.Value)))),
                Is.EqualTo(first.Portal.Contacts.Select(c => (c.Id, c.Name, c.LastName, string.Join(',', c.Emails.Select(e => e.Value))))));
            Assert.That(second.Portal.Deals.Select(d => (d.Id, d.StageId, d.Opportunity)), Is.EqualTo(first.Portal.Deals.Select(d => (d.Id, d.StageId, d.Opportunity))));
        });
    }

    [Test]
    public async Task InstallAsync_HandlerAnswers500_IsNotInstalled()
    {
        await using var rig = await SandboxAppRig.StartAsync();
        rig.App.StatusCode = 500;

        var result = await rig.Portal.InstallAsync(rig.App.Url("install"), SandboxInstallMode.InstallEvent, TestContext.CurrentContext.CancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(result.StatusCode, Is.EqualTo(500));
            Assert.That(result.Installed, Is.False);
            Assert.That(rig.Portal.Installed, Is.False);
        });
    }

    [Test]
    public async Task UninstallAsync_Bound_PostsOnAppUninstallThenRevokesEverything()
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var install = await rig.InstallAsync();
        await rig.CallAsync("event.bind", new { @event = "ONAPPUNINSTALL", handler = rig.App.Url("b24/uninstall").ToString() }, install.AccessToken);
        await rig.CallAsync("placement.bind", new { PLACEMENT = "CRM_DEAL_DETAIL_TAB", HANDLER = rig.App.Url("tab").ToString(), TITLE = "E-mail" }, install.AccessToken);

        await rig.Portal.UninstallAsync(clean: true, TestContext.CurrentContext.CancellationToken);
        var (status, body) = await rig.CallAsync("crm.contact.list", new { }, install.AccessToken);
        var reinstall = await rig.InstallAsync();

        var form = rig.App.Posts.Single(p => p.Path == "/b24/uninstall").Form;
        Assert.Multiple(() =>
        {
            Assert.That(form.Keys, Is.EquivalentTo(new[]
            {
                "event", "event_handler_id", "data[LANGUAGE_ID]", "data[CLEAN]", "ts", "auth[domain]", "auth[server_endpoint]",
                "auth[client_endpoint]", "auth[member_id]", "auth[application_token]",
            }));
            Assert.That(form["event"], Is.EqualTo("ONAPPUNINSTALL"));
            Assert.That(form["data[CLEAN]"], Is.EqualTo("1"));
            Assert.That(form["auth[application_token]"], Is.EqualTo(install.ApplicationToken));
            Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(body["error"]!.GetValue<string>(), Is.EqualTo("invalid_token"));
            Assert.That(rig.Portal.EventBindings, Is.Empty);
            Assert.That(rig.Portal.Placements, Is.Empty);
            Assert.That(reinstall.ApplicationToken, Is.Not.EqualTo(install.ApplicationToken));
        });
    }
}
