using Connector.Crm.Bitrix24;
using Connector.Crm.Bitrix24.Installs;
using Connector.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Crm.Bitrix24.App;

[NonParallelizable]
[CancelAfter(120_000)]
public sealed class OAuthLifecycleTests
{
    [Test]
    public async Task CallAsync_ConcurrentCallsHitExpiry_OneRefreshForAll()
    {
        await using var rig = await AppRig.StartAsync();
        await rig.InstallAsync();
        await AppRig.EventuallyAsync(() => rig.BaselineAsync());
        var portal = (await rig.Installs.GetAsync(rig.Portal.Portal.Options.MemberId, TestContext.CurrentContext.CancellationToken))!.ToPortal();
        var client = rig.View.GetRequiredService<IBitrix24Client>();
        var before = rig.Portal.Portal.Stats.TokenRefreshes;
        rig.Portal.Portal.ExpireAccessTokens();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.CallAsync(portal, "crm.category.list", new() { ["entityTypeId"] = 2 }, idempotent: true, TestContext.CurrentContext.CancellationToken)));

        Assert.Multiple(() =>
        {
            Assert.That(answers.All(a => a.IsSuccess), Is.True, string.Join("; ", answers.Where(a => !a.IsSuccess).Select(a => a.Error)));
            Assert.That(rig.Portal.Portal.Stats.TokenRefreshes - before, Is.EqualTo(1));
            Assert.That(rig.Refresher.Refreshes, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Restart_AfterRotation_TheStoredRefreshTokenStillWorks()
    {
        await using var rig = await AppRig.StartAsync();
        await rig.InstallAsync();
        await AppRig.EventuallyAsync(() => rig.BaselineAsync());
        var member = rig.Portal.Portal.Options.MemberId;
        var client = rig.View.GetRequiredService<IBitrix24Client>();
        rig.Portal.Portal.ExpireAccessTokens();
        var portal = (await rig.Installs.GetAsync(member, TestContext.CurrentContext.CancellationToken))!.ToPortal();
        Assert.That((await client.CallAsync(portal, "app.info", [], true, TestContext.CurrentContext.CancellationToken)).IsSuccess, Is.True);
        var rotated = (await rig.Installs.GetAsync(member, TestContext.CurrentContext.CancellationToken))!.RefreshToken;

        await rig.StopConnectorAsync();
        await rig.StartConnectorAsync();
        rig.Portal.Portal.ExpireAccessTokens();
        var deal = rig.Portal.Portal.Deals[0];
        rig.Portal.Portal.UpdateDeal(deal.Id, new global::Connector.Sandbox.SandboxDealFields { Title = "После перезапуска" });
        await rig.Portal.Portal.DrainEventsAsync(TestContext.CurrentContext.CancellationToken);
        var applied = await AppRig.EventuallyAsync(async () =>
            (await rig.Mirror.DealsAsync(await rig.PortalIdAsync(), TestContext.CurrentContext.CancellationToken).FirstOrDefaultAsync(d => d.Id == deal.Id))?.Title == "После перезапуска");

        var install = await rig.Installs.GetAsync(member, TestContext.CurrentContext.CancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(applied, Is.True, "the restarted connector refreshed with the rotated token and read the deal");
            Assert.That(install!.Status, Is.EqualTo(Bitrix24InstallStatus.Active));
            Assert.That(install.RefreshToken, Is.Not.EqualTo(rotated), "rotated again after the restart");
        });
    }

    [Test]
    public async Task CallAsync_RefreshTokenRevoked_InstallNeedsReauthorisationAndItsWorkStops()
    {
        await using var rig = await AppRig.StartAsync();
        await rig.InstallAsync();
        await AppRig.EventuallyAsync(() => rig.BaselineAsync());
        var member = rig.Portal.Portal.Options.MemberId;
        var portal = (await rig.Installs.GetAsync(member, TestContext.CurrentContext.CancellationToken))!.ToPortal();
        rig.Portal.Portal.RevokeRefreshTokens();
        rig.Portal.Portal.ExpireAccessTokens();

        var answer = await rig.View.GetRequiredService<IBitrix24Client>().CallAsync(portal, "app.info", [], true, TestContext.CurrentContext.CancellationToken);

        var install = await rig.Installs.GetAsync(member, TestContext.CurrentContext.CancellationToken);
        var sources = await rig.View.GetRequiredService<ICrmSourceProvider>().GetAllAsync(TestContext.CurrentContext.CancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(answer.IsSuccess, Is.False);
            Assert.That(answer.Error?.Kind, Is.EqualTo(Bitrix24ErrorKind.Auth));
            Assert.That(install!.Status, Is.EqualTo(Bitrix24InstallStatus.NeedsReauthorization));
            Assert.That(install.StatusReason, Does.Contain("invalid_grant"));
            Assert.That(sources, Is.Empty, "a portal that needs re-authorisation is not synced");
        });
    }

    [Test]
    public async Task CallAsync_PortalDomainChanged_FollowsTheRedirectAndRecordsTheNewEndpoint()
    {
        await using var rig = await AppRig.StartAsync();
        await rig.InstallAsync();
        var member = rig.Portal.Portal.Options.MemberId;
        var portal = (await rig.Installs.GetAsync(member, TestContext.CurrentContext.CancellationToken))!.ToPortal();
        rig.Portal.Portal.ChangeDomain();

        var answer = await rig.View.GetRequiredService<IBitrix24Client>().CallAsync(portal, "crm.category.list", new() { ["entityTypeId"] = 2 }, true, TestContext.CurrentContext.CancellationToken);

        var install = await rig.Installs.GetAsync(member, TestContext.CurrentContext.CancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(answer.IsSuccess, Is.True, answer.Error?.ToString());
            Assert.That(install!.ClientEndpoint.AbsolutePath, Does.StartWith("/sandbox/moved/rest/"));
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Uninstall_WithAndWithoutClean_DeactivatesAndKeepsOrPurges(bool clean)
    {
        await using var rig = await AppRig.StartAsync();
        await rig.InstallAsync();
        await AppRig.EventuallyAsync(() => rig.BaselineAsync());
        var portalId = await rig.PortalIdAsync();

        await rig.Portal.Portal.UninstallAsync(clean, TestContext.CurrentContext.CancellationToken);
        await rig.Portal.Portal.DrainEventsAsync(TestContext.CurrentContext.CancellationToken);
        var install = await rig.Installs.GetAsync(rig.Portal.Portal.Options.MemberId, TestContext.CurrentContext.CancellationToken);
        var contacts = await rig.Mirror.ContactsAsync(portalId, TestContext.CurrentContext.CancellationToken).CountAsync();
        var sources = await rig.View.GetRequiredService<ICrmSourceProvider>().GetAllAsync(TestContext.CurrentContext.CancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(install!.Status, Is.EqualTo(Bitrix24InstallStatus.Uninstalled));
            Assert.That(install.AccessToken, Is.Null);
            Assert.That(install.RefreshToken, Is.Null);
            Assert.That(contacts, clean ? Is.Zero : Is.EqualTo(rig.Portal.Portal.Contacts.Count));
            Assert.That(sources, Is.Empty);
        });
    }
}
