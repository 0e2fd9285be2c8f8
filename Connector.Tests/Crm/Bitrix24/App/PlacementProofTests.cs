using System.Net;
using Connector.Sandbox;

namespace Connector.Tests.Crm.Bitrix24.App;

/// <summary>
/// Widget pages as the sandbox opens them: without APPLICATION_TOKEN (the documented field list) the viewer's AUTH_ID
/// is proved by one app.info + user.current batch to the install's stored endpoint and remembered; with it, the token
/// decides. bitrix24-automation.md §7.3.
/// </summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class PlacementProofTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task Placement_NoApplicationToken_ProvedByAuthIdOnceThenRemembered(CancellationToken cancellationToken)
    {
        await using var rig = await AppRig.StartAsync();
        await rig.InstallAsync();
        await AppRig.EventuallyAsync(() => rig.BaselineAsync());
        var crm = rig.Portal.Portal;
        var contact = crm.Contacts[0];
        var before = Calls(crm, "user.current");

        var page = await crm.OpenPlacementAsync("CRM_CONTACT_DETAIL_TAB", contact.Id, withApplicationToken: false, cancellationToken);
        var proofs = Calls(crm, "user.current") - before;
        using var http = new HttpClient();
        using var reload = await http.PostAsync(Url(rig, "127.0.0.1:9"), Form(crm, page.AuthId, contact.Id), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(200), page.Body);
            Assert.That(page.Body, Does.Contain(contact.Name ?? "?"));
            Assert.That(proofs, Is.EqualTo(1));
            Assert.That(Calls(crm, "app.info"), Is.GreaterThanOrEqualTo(1));
            Assert.That(reload.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Calls(crm, "user.current") - before, Is.EqualTo(1), "a reload with the same AUTH_ID is served from the cache");
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Placement_AuthIdProvedAtTheStoredEndpoint_NotAtThePostedDomain(CancellationToken cancellationToken)
    {
        await using var rig = await AppRig.StartAsync();
        await rig.InstallAsync();
        var crm = rig.Portal.Portal;
        // A live token of this portal that no page has proved yet (the install POST goes nowhere).
        var token = (await crm.InstallAsync(new Uri("http://127.0.0.1:9/"), SandboxInstallMode.InstallEvent, cancellationToken)).AccessToken;
        var before = Calls(crm, "user.current");
        using var http = new HttpClient();

        using var page = await http.PostAsync(Url(rig, "127.0.0.1:9"), Form(crm, token, null), cancellationToken);
        using var forged = await http.PostAsync(Url(rig, "127.0.0.1:9"), Form(crm, "0123456789abcdef0123456789abcdef", null), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Calls(crm, "user.current") - before, Is.EqualTo(1));
            Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Placement_AuthIdOfAnotherPortal_Refused(CancellationToken cancellationToken)
    {
        await using var rig = await AppRig.StartAsync();
        var other = await rig.AddPortalAsync(new SandboxOptions { Seed = 77, Contacts = 3, Deals = 2 });
        await rig.InstallAsync();
        await rig.InstallAsync(other);
        var token = (await other.Portal.InstallAsync(new Uri("http://127.0.0.1:9/"), SandboxInstallMode.InstallEvent, cancellationToken)).AccessToken;
        using var http = new HttpClient();

        using var page = await http.PostAsync(Url(rig, "127.0.0.1:9"), Form(rig.Portal.Portal, token, null), cancellationToken);

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Placement_WithApplicationToken_ViewerLearnedOnceAndForgedTokenRefused(CancellationToken cancellationToken)
    {
        await using var rig = await AppRig.StartAsync();
        await rig.InstallAsync();
        var crm = rig.Portal.Portal;
        var before = Calls(crm, "user.current");

        var page = await crm.OpenPlacementAsync("LEFT_MENU", null, withApplicationToken: true, cancellationToken);
        using var http = new HttpClient();
        using var forged = await http.PostAsync(Url(rig, "127.0.0.1:9"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["member_id"] = crm.Options.MemberId, ["AUTH_ID"] = page.AuthId, ["APPLICATION_TOKEN"] = "forged",
        }), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(200));
            Assert.That(Calls(crm, "user.current") - before, Is.EqualTo(1), "one proof names the viewer (user and admin flag) for the session");
            Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a wrong APPLICATION_TOKEN is not rescued by a valid AUTH_ID");
        });
    }

    private static long Calls(SandboxPortal portal, string method) => portal.Stats.CallsPerMethod.GetValueOrDefault(method);

    private static Uri Url(AppRig rig, string domain) =>
        new(rig.Connector, $"b24/placement/CRM_CONTACT_DETAIL_TAB?DOMAIN={Uri.EscapeDataString(domain)}&PROTOCOL=0&LANG=ru&APP_SID=0123");

    private static FormUrlEncodedContent Form(SandboxPortal portal, string authId, long? id)
    {
        var fields = new Dictionary<string, string>
        {
            ["AUTH_ID"] = authId, ["AUTH_EXPIRES"] = "3600", ["member_id"] = portal.Options.MemberId, ["status"] = "L", ["PLACEMENT"] = "CRM_CONTACT_DETAIL_TAB",
        };
        if (id is { } value)
        {
            fields["PLACEMENT_OPTIONS"] = $"{{\"ID\":\"{value}\"}}";
        }

        return new FormUrlEncodedContent(fields);
    }
}
