using System.Net;
using Connector.Crm.Bitrix24.OAuth;
using Connector.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Crm.Bitrix24.App;

[NonParallelizable]
[CancelAfter(120_000)]
public sealed class PlacementAndKeepAliveTests
{
    [Test]
    public async Task Placement_ContactTab_ShowsTheMirroredContactEscapedAndRefusesForgedTokens()
    {
        await using var rig = await AppRig.StartAsync();
        await rig.InstallAsync();
        await AppRig.EventuallyAsync(() => rig.BaselineAsync());
        var crm = rig.Portal.Portal;
        var contact = crm.Contacts[0];
        crm.UpdateContact(contact.Id, new SandboxContactFields { Name = "<script>alert(1)</script>" });
        await crm.DrainEventsAsync(TestContext.CurrentContext.CancellationToken);
        await AppRig.EventuallyAsync(async () => (await rig.Mirror.ContactsAsync(await rig.PortalIdAsync(), TestContext.CurrentContext.CancellationToken).FirstOrDefaultAsync(c => c.Id == contact.Id))?.Name?.StartsWith('<') == true);
        using var http = new HttpClient();
        var url = new Uri(rig.Connector, "b24/placement/CRM_CONTACT_DETAIL_TAB");
        FormUrlEncodedContent Form(string token) => new(new Dictionary<string, string>
        {
            ["member_id"] = crm.Options.MemberId, ["APPLICATION_TOKEN"] = token, ["PLACEMENT"] = "CRM_CONTACT_DETAIL_TAB",
            ["PLACEMENT_OPTIONS"] = $"{{\"ID\":\"{contact.Id}\"}}",
        });

        var page = await http.PostAsync(url, Form(crm.ApplicationToken!));
        var forged = await http.PostAsync(url, Form("forged"));
        var html = await page.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(html, Does.Contain("\\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E").And.Not.Contain("<script>alert(1)"));
            Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.StartWith("frame-ancestors 'self' http://127.0.0.1"));
            Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    [Test]
    public async Task KeepAlive_InstallIdleLongerThanTheThreshold_RefreshedOnceBusyOnesLeftAlone()
    {
        await using var rig = await AppRig.StartAsync();
        await rig.InstallAsync();
        await AppRig.EventuallyAsync(() => rig.BaselineAsync());
        var installs = rig.Installs;
        var refresher = rig.View.GetRequiredService<Bitrix24TokenRefresher>();
        var options = Options.Create(new Bitrix24OAuthOptions { IdleRefreshAfter = TimeSpan.FromDays(30) });
        var now = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var sut = new TokenKeepAliveJob(installs, refresher, options, now, NullLogger<TokenKeepAliveJob>.Instance);
        var before = rig.Portal.Portal.Stats.TokenRefreshes;

        var fresh = await sut.RunAsync(TestContext.CurrentContext.CancellationToken);
        now.Advance(TimeSpan.FromDays(31));
        var idle = await sut.RunAsync(TestContext.CurrentContext.CancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(fresh, Is.Zero);
            Assert.That(idle, Is.EqualTo(1));
            Assert.That(rig.Portal.Portal.Stats.TokenRefreshes - before, Is.EqualTo(1));
        });
    }
}
