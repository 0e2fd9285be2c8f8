using System.Net;
using Connector.Sandbox;

namespace Connector.Tests.Sandbox;

/// <summary>
/// Opening a widget: the POST carries the documented fields (api-reference/widgets/_includes/widget_data.md) and no
/// APPLICATION_TOKEN unless asked; its AUTH_ID answers app.info (with the install block) and user.current in one batch.
/// </summary>
[CancelAfter(120_000)]
public sealed class SandboxPlacementTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task OpenPlacement_Default_PostsTheDocumentedFieldsWithoutApplicationToken(CancellationToken cancellationToken)
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var install = await rig.InstallAsync();
        var (bound, _) = await rig.CallAsync("placement.bind", new { PLACEMENT = "CRM_DEAL_DETAIL_TAB", HANDLER = rig.App.Url("tab").ToString(), TITLE = "t" }, install.AccessToken);

        var result = await rig.Portal.OpenPlacementAsync("CRM_DEAL_DETAIL_TAB", 8061, withApplicationToken: false, cancellationToken);
        var withToken = await rig.Portal.OpenPlacementAsync("CRM_DEAL_DETAIL_TAB", 8061, withApplicationToken: true, cancellationToken);
        var posts = rig.App.Posts.Where(p => p.Path == "/tab").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(bound, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(result.StatusCode, Is.EqualTo(200));
            Assert.That(posts, Has.Count.EqualTo(2));
            Assert.That(posts[0].Query.Keys, Is.SupersetOf(new[] { "DOMAIN", "PROTOCOL", "LANG", "APP_SID" }));
            Assert.That(posts[0].Form.Keys, Is.SupersetOf(new[] { "AUTH_ID", "AUTH_EXPIRES", "REFRESH_ID", "member_id", "status", "PLACEMENT", "PLACEMENT_OPTIONS" }));
            Assert.That(posts[0].Form.Keys, Does.Not.Contain("APPLICATION_TOKEN"));
            Assert.That(posts[0].Form["PLACEMENT_OPTIONS"], Is.EqualTo("{\"ID\":\"8061\"}"));
            Assert.That(posts[0].Form["AUTH_ID"], Is.EqualTo(result.AuthId));
            Assert.That(posts[1].Form["APPLICATION_TOKEN"], Is.EqualTo(install.ApplicationToken));
            Assert.That(withToken.StatusCode, Is.EqualTo(200));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Batch_AppInfoAndUserCurrentWithAuthId_NameTheInstallAndTheViewer(CancellationToken cancellationToken)
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var install = await rig.InstallAsync();
        await rig.CallAsync("placement.bind", new { PLACEMENT = "CRM_CONTACT_DETAIL_TAB", HANDLER = rig.App.Url("tab").ToString(), TITLE = "t" }, install.AccessToken);
        var page = await rig.Portal.OpenPlacementAsync("CRM_CONTACT_DETAIL_TAB", 1, withApplicationToken: false, cancellationToken);

        var (status, body) = await rig.CallAsync("batch", new { halt = 1, cmd = new Dictionary<string, string> { ["app"] = "app.info", ["user"] = "user.current" } }, page.AuthId);
        var app = body["result"]!["result"]!["app"]!;
        var user = body["result"]!["result"]!["user"]!;

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(app["install"]!["member_id"]!.GetValue<string>(), Is.EqualTo(rig.Portal.Options.MemberId));
            Assert.That(app["install"]!["installed"]!.GetValue<bool>(), Is.True);
            Assert.That(app["client_id"]!.GetValue<string>(), Is.EqualTo(rig.Portal.Options.ClientId));
            Assert.That(app["LICENSE_FAMILY"]!.GetValue<string>(), Is.EqualTo("pro"));
            Assert.That(user["ID"]!.GetValue<string>(), Is.EqualTo("1"));
            Assert.That(user["ACTIVE"]!.GetValue<bool>(), Is.True);
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task OpenPlacement_BeforeInstallFinished_Hidden(CancellationToken cancellationToken)
    {
        await using var rig = await SandboxAppRig.StartAsync();

        Assert.That(async () => await rig.Portal.OpenPlacementAsync("CRM_DEAL_DETAIL_TAB", 1, withApplicationToken: false, cancellationToken),
            Throws.InvalidOperationException);
    }
}
